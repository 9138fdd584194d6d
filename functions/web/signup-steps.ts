/**
 * Each step of the hosted sign-up page, one renderer per step: the DOM the browser tests rely on (a form
 * per step naming it in `step`, `data-step` on `<main>`), every value escaped by `html`.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { CAPTCHA_WIDGETS } from './captcha-widgets.js';
import type { CaptchaConfig } from '../uia/stages/captcha-config.js';
import { say } from './i18n/pick-language.js';
import { html, type Markup, type Page } from './layout.js';
import { inputField, stepForm, type StepError } from './signup-fields.js';
import { type PageFrame, signupPage } from './signup-layout.js';

export type { StepError } from './signup-fields.js';

const counter = (frame: PageFrame, position?: { current: number; total: number }) =>
  position ? html`<p class="step">${say(frame.t, 'stepOf', position)}</p>` : undefined;

export interface FlowOption {
  index: number;
  label: string;
}

export function flowStep(frame: PageFrame, options: FlowOption[], selected?: number, error?: StepError): Page {
  const { t } = frame;
  const radios = options.map(
    (o) =>
      html`<label class="choice"><input type="radio" name="flow" value="${String(o.index)}"${o.index === (selected ?? options[0]?.index) ? html` checked` : ''}> ${o.label}</label>`,
  );
  const body = html`<p>${t.flowIntro}</p>${stepForm(frame, 'flow', html`<fieldset><legend class="sr-only">${t.flowHeading}</legend>${radios}</fieldset>`, t.continue, error)}`;
  return signupPage({ frame, heading: t.flowHeading, step: 'flow', body });
}

/** Synapse's limit on a display name. */
export const MAX_DISPLAY_NAME = 256;

export interface AccountView {
  username?: string;
  /** As typed, shown again when the step is refused. */
  displayName?: string;
  serverName: string;
  minLength: number;
  position?: { current: number; total: number };
}

export function accountStep(frame: PageFrame, view: AccountView, error?: StepError): Page {
  const { t } = frame;
  const suggestions = error?.suggestions?.length
    ? html`<p class="hint">${t.usernameSuggestions}</p><ul class="suggestions">${error.suggestions.map((s) => html`<li><code>${s}</code></li>`)}</ul>`
    : undefined;
  const fields = html`${inputField({
    name: 'username',
    type: 'text',
    label: t.usernameLabel,
    hint: say(t, 'usernameHint', { example: `@${view.username || 'alice'}:${view.serverName}` }),
    value: view.username,
    autocomplete: 'username',
    extra: html` autocapitalize="none" spellcheck="false" maxlength="255"`,
    error,
    after: suggestions,
  })}${inputField({
    name: 'display_name',
    type: 'text',
    label: t.displayNameLabel,
    hint: t.displayNameHint,
    value: view.displayName,
    autocomplete: 'nickname',
    optional: true,
    extra: html` maxlength="${String(MAX_DISPLAY_NAME)}"`,
    error,
  })}${inputField({
    name: 'password',
    type: 'password',
    label: t.passwordLabel,
    hint: say(t, 'passwordHint', { min: view.minLength }),
    autocomplete: 'new-password',
    error,
  })}${inputField({ name: 'password_confirm', type: 'password', label: t.passwordConfirmLabel, autocomplete: 'new-password', error })}`;
  const body = html`${counter(frame, view.position)}${stepForm(frame, 'account', fields, t.continue, error)}`;
  return signupPage({ frame, heading: t.accountHeading, step: 'account', body });
}

export interface PolicyView {
  id: string;
  name: string;
  url: string;
  version: string;
}

export function termsStep(
  frame: PageFrame,
  policies: PolicyView[],
  position?: { current: number; total: number },
  error?: StepError,
): Page {
  const { t } = frame;
  const invalid = error?.field === 'policies';
  const boxes = policies.map((p, i) => {
    const [before, after] = t.termsAccept.replace('{version}', p.version).split('{policy}');
    const link = html`<a href="${p.url}" target="_blank" rel="noopener noreferrer">${p.name}</a>`;
    // The first box in error takes the focus, so a keyboard or screen-reader user lands on the problem.
    const describe = invalid ? html` aria-invalid="true" aria-describedby="error-policies"${i === 0 ? html` autofocus` : ''}` : '';
    return html`<label class="choice"><input type="checkbox" name="policy_${p.id}" value="yes"${describe}> <span>${before}${link}${after ?? ''}</span></label>`;
  });
  const content = html`<fieldset><legend>${t.termsIntro}</legend>${boxes}</fieldset>${invalid ? html`<p class="error" id="error-policies" role="alert">${error!.message}</p>` : ''}`;
  const body = html`${counter(frame, position)}${stepForm(frame, 'm.login.terms', content, t.continue, invalid ? undefined : error)}`;
  return signupPage({ frame, heading: t.termsHeading, step: 'm.login.terms', body });
}

export function captchaStep(
  frame: PageFrame,
  captcha: CaptchaConfig,
  position?: { current: number; total: number },
  error?: StepError,
): Page {
  const { t } = frame;
  const provider = CAPTCHA_WIDGETS[captcha.provider];
  const head = html`<script nonce="${frame.nonce}" src="${provider.script}" async defer></script>`;
  const content = html`<p>${t.captchaIntro}</p><div class="${provider.widget}" data-sitekey="${captcha.publicKey}"></div><noscript><p class="notice">${t.captchaNoScript}</p></noscript>`;
  const body = html`${counter(frame, position)}${stepForm(frame, 'm.login.recaptcha', content, t.continue, error)}`;
  return signupPage(
    { frame, heading: t.captchaHeading, step: 'm.login.recaptcha', body, head },
    { script: provider.origins, frame: provider.origins },
  );
}

export function tokenStep(
  frame: PageFrame,
  token: string | undefined,
  position?: { current: number; total: number },
  error?: StepError,
): Page {
  const { t } = frame;
  const field = inputField({
    name: 'token',
    type: 'text',
    label: t.tokenLabel,
    hint: t.tokenHint,
    value: token,
    readonly: token !== undefined && error?.field !== 'token',
    autocomplete: 'off',
    extra: html` autocapitalize="none" spellcheck="false" maxlength="64"`,
    error,
  });
  const body = html`${counter(frame, position)}${stepForm(frame, 'm.login.registration_token', field, t.continue, error)}`;
  return signupPage({ frame, heading: t.tokenHeading, step: 'm.login.registration_token', body });
}

export function emailStep(
  frame: PageFrame,
  address: string | undefined,
  position?: { current: number; total: number },
  error?: StepError,
): Page {
  const { t } = frame;
  const field = inputField({
    name: 'email',
    type: 'email',
    label: t.emailLabel,
    hint: t.emailHint,
    value: address,
    autocomplete: 'email',
    error,
  });
  const body = html`${counter(frame, position)}${stepForm(frame, 'm.login.email.identity', field, t.continue, error)}`;
  return signupPage({ frame, heading: t.emailHeading, step: 'm.login.email.identity', body });
}

/** "Check your mail": the link brings the person back; the one button sends the mail again. */
export function emailSentStep(frame: PageFrame, view: { address: string; minutes: number; resent?: boolean }, error?: StepError): Page {
  const { t } = frame;
  const notice = view.resent ? html`<p class="notice" role="status">${t.emailResent}</p>` : undefined;
  const body = html`<p>${say(t, 'emailSentBody', { address: view.address, minutes: view.minutes })}</p>${notice}
${stepForm(frame, 'email_resend', html``, t.emailResend, error)}
<p><a href="${frame.path}?change=email">${t.emailChange}</a></p>`;
  return signupPage({ frame, heading: t.emailSent, step: 'email_sent', body });
}

/** The countries a phone number can be from, named in the person's language, with their calling codes. */
export function countryOptions(lang: string, selected: string | undefined): Markup[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  return getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang))
    .map(
      (c) =>
        html`<option value="${c.code}"${c.code === selected ? html` selected` : ''}>${c.name} (+${getCountryCallingCode(c.code)})</option>`,
    );
}

export function phoneStep(
  frame: PageFrame,
  view: { country?: string; phone?: string; position?: { current: number; total: number } },
  error?: StepError,
): Page {
  const { t } = frame;
  const content = html`<label for="field-country">${t.countryLabel}</label>
<select id="field-country" name="country" autocomplete="country">${countryOptions(t.lang, view.country)}</select>
${inputField({ name: 'phone', type: 'tel', label: t.phoneLabel, hint: t.phoneHint, value: view.phone, autocomplete: 'tel-national', error })}`;
  const body = html`${counter(frame, view.position)}${stepForm(frame, 'm.login.msisdn', content, t.continue, error)}`;
  return signupPage({ frame, heading: t.phoneHeading, step: 'm.login.msisdn', body });
}

export function codeStep(frame: PageFrame, number: string, error?: StepError): Page {
  const { t } = frame;
  const field = inputField({
    name: 'code',
    type: 'text',
    label: t.codeLabel,
    hint: say(t, 'codeHint', { number }),
    autocomplete: 'one-time-code',
    extra: html` inputmode="numeric" maxlength="12"`,
    error,
  });
  const body = html`${stepForm(frame, 'msisdn_code', field, t.continue, error)}
<p><a href="${frame.path}?change=phone">${t.codeResend}</a></p>`;
  return signupPage({ frame, heading: t.codeHeading, step: 'msisdn_code', body });
}

export interface DoneView {
  userId: string;
  elementWebUrl: string;
  homeserverUrl: string;
  matrixToUrl: string;
}

/** The end: the Matrix ID and how to start using it. Never a token: the page never had one. */
export function doneStep(frame: PageFrame, view: DoneView): Page {
  const { t } = frame;
  const body = html`<p>${t.doneIntro}</p><strong class="matrix-id" data-matrix-id>${view.userId}</strong>
<ul class="done"><li><a href="${view.elementWebUrl}">${t.doneElementWeb}</a></li>
<li>${t.doneHomeserver} <code>${view.homeserverUrl}</code></li>
<li><a href="${view.matrixToUrl}">${t.doneMatrixTo}</a></li></ul>
<p><a href="${frame.path}?restart=1">${t.doneAgain}</a></p>`;
  return signupPage({ frame, heading: t.doneHeading, step: 'done', body });
}

/**
 * The mail link opened in a browser without this sign-up's cookie: the address is confirmed, and the sign-up
 * goes on in the browser where it began. No form and no "start again" link: nothing here may touch a sign-up.
 */
export function confirmedElsewhereStep(frame: PageFrame): Page {
  const { t } = frame;
  const body = html`<p class="notice" role="status">${t.confirmedElsewhereBody}</p>`;
  return signupPage({ frame, heading: t.confirmedElsewhereHeading, step: 'email_confirmed_elsewhere', body });
}

/** A page with no form: a refused request, sign-up closed, a link that does not belong here. */
export function noticeStep(frame: PageFrame, view: { step: string; heading: string; body: string }): Page {
  const body = html`<p role="alert">${view.body}</p><p><a href="${frame.path}?restart=1">${frame.t.back}</a></p>`;
  return signupPage({ frame, heading: view.heading, step: view.step, body });
}
