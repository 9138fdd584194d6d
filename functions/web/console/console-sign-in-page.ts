/** The console's sign-in page: a homeserver admin's name and password, or an operator key. */
import { html, type Page } from '../layout.js';
import type { ConsoleKey } from './console-en.js';
import { say } from './console-i18n.js';
import { type ConsoleFrame, consolePage, csrfField } from './console-layout.js';

export interface SignInView {
  server: string;
  /** Whether a homeserver admin can sign in here (the homeserver is reachable by the admin part). */
  admins: boolean;
  /** Whether operator keys are set. */
  keys: boolean;
  /** The name typed last time (never the password). */
  user?: string;
  notice?: { key: ConsoleKey; error?: boolean };
  /** Which form the error belongs to: its field is marked. */
  errorIn?: 'admin' | 'key';
}

export function signInPage(frame: ConsoleFrame, view: SignInView): Page {
  const { t } = frame;
  const action = `${frame.path}/sign-in`;
  const adminInvalid = view.errorIn === 'admin' ? html` aria-invalid="true" aria-describedby="sign-in-error"` : '';
  const keyInvalid = view.errorIn === 'key' ? html` aria-invalid="true" aria-describedby="sign-in-error"` : '';
  const admin = view.admins
    ? html`<section class="card" aria-labelledby="admin-heading"><h2 id="admin-heading">${t.adminHeading}</h2>
<form method="post" action="${action}">${csrfField(frame)}<input type="hidden" name="method" value="admin">
<label for="user">${t.usernameLabel}</label><input type="text" id="user" name="user" autocomplete="username" required value="${view.user ?? ''}"${adminInvalid}>
<label for="password">${t.passwordLabel}</label><input type="password" id="password" name="password" autocomplete="current-password" required${adminInvalid}>
<div><button type="submit">${t.signIn}</button></div></form></section>`
    : '';
  const key = view.keys
    ? html`<section class="card" aria-labelledby="key-heading"><h2 id="key-heading">${t.keyHeading}</h2>
<form method="post" action="${action}">${csrfField(frame)}<input type="hidden" name="method" value="key">
<label for="key">${t.keyLabel}<span class="hint" id="key-hint">${t.keyHint}</span></label><input type="password" id="key" name="key" autocomplete="off" required aria-describedby="key-hint"${keyInvalid}>
<div><button type="submit">${t.signInWithKey}</button></div></form></section>`
    : '';
  const notice = view.notice && {
    text: t[view.notice.key],
    error: view.notice.error,
  };
  const errorLine = view.errorIn && notice ? html`<p id="sign-in-error" class="sr-only">${notice.text}</p>` : '';
  const body = html`<p>${say(t, 'signInIntro', { server: view.server })}</p>${errorLine}<div class="cols">${admin}${key}</div>`;
  return consolePage({ frame, section: 'sign-in', heading: t.signInHeading, body, notice });
}
