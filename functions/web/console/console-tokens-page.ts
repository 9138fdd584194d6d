/** The invitations: every registration token with its use count, link and QR code; the form for a new one. */
import type { TokenView } from '../../policy/registration-tokens.js';
import { html, type Markup, type Page } from '../layout.js';
import type { ConsoleKey } from './console-en.js';
import { say } from './console-i18n.js';
import { type ConsoleFrame, consolePage, csrfField } from './console-layout.js';
import { qrSvg } from './console-qr.js';

export interface TokenRow extends TokenView {
  inviteUrl?: string;
}

/** What the new-invitation form was sent with, shown back when it is refused. */
export interface TokenForm {
  label?: string;
  uses?: string;
  expiry?: string;
  token?: string;
  skip?: string[];
}

export interface TokensView {
  rows: TokenRow[];
  now: number;
  /** The stages of this tenant's flows an invitation may let people skip. */
  skippable: string[];
  /** Whether invitations have links (the tenant has the sign-up page). */
  links: boolean;
  form?: TokenForm;
  /** A refused form: which field, and why. */
  error?: { field: 'uses' | 'expiry' | 'token'; key: ConsoleKey };
  notice?: { key: ConsoleKey; error?: boolean };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function usedCell(frame: ConsoleFrame, row: TokenRow): Markup {
  const used =
    row.uses_allowed === null
      ? say(frame.t, 'usedUnlimited', { completed: row.completed })
      : say(frame.t, 'usedOf', { completed: row.completed, allowed: row.uses_allowed });
  const pending = row.pending > 0 ? html`<br><span class="hint">${say(frame.t, 'pendingNote', { pending: row.pending })}</span>` : '';
  return html`<td data-used="${row.completed}">${used}${pending}</td>`;
}

function tokenRow(frame: ConsoleFrame, row: TokenRow, now: number): Markup {
  const { t } = frame;
  const expires = row.expiry_time === null ? t.never : row.expiry_time <= now ? t.expired : day(row.expiry_time);
  const link = row.inviteUrl
    ? html`<a class="mono" href="${row.inviteUrl}">${row.inviteUrl}</a><details><summary>${t.showQr}</summary>${qrSvg(row.inviteUrl, say(t, 'qrLabel', { token: row.token }))}</details>`
    : '';
  return html`<tr data-token="${row.token}"><td><code>${row.token}</code></td><td>${row.privileges.label ?? ''}</td>${usedCell(frame, row)}<td>${expires}</td><td>${link}</td><td><form method="post" action="${frame.path}/tokens/revoke">${csrfField(frame)}<input type="hidden" name="token" value="${row.token}"><button type="submit" class="danger" aria-label="${say(t, 'revokeLabel', { token: row.token })}">${t.revoke}</button></form></td></tr>`;
}

function tokenTable(frame: ConsoleFrame, view: TokensView): Markup {
  const { t } = frame;
  if (view.rows.length === 0) return html`<p>${t.tokensNone}</p>`;
  return html`<table><thead><tr><th scope="col">${t.tokenColumn}</th><th scope="col">${t.labelColumn}</th><th scope="col">${t.usedColumn}</th><th scope="col">${t.expiresColumn}</th><th scope="col">${t.linkColumn}</th><th scope="col"><span class="sr-only">${t.revoke}</span></th></tr></thead><tbody>${view.rows.map((r) => tokenRow(frame, r, view.now))}</tbody></table>`;
}

function field(frame: ConsoleFrame, view: TokensView, name: 'label' | 'uses' | 'expiry' | 'token', type: string): Markup {
  const { t } = frame;
  const words = {
    label: ['tokenLabelLabel', 'tokenLabelHint'],
    uses: ['usesLabel', 'usesHint'],
    expiry: ['expiryLabel', 'expiryHint'],
    token: ['customTokenLabel', 'customTokenHint'],
  } as const;
  const [label, hint] = words[name];
  const error = view.error?.field === name ? view.error.key : undefined;
  const described = error ? `${name}-hint ${name}-error` : `${name}-hint`;
  const extra = type === 'number' ? html` min="0" step="1" inputmode="numeric"` : '';
  return html`<label for="${name}">${t[label]}<span class="hint" id="${name}-hint">${t[hint]}</span></label>${error ? html`<p class="error" id="${name}-error">${t[error]}</p>` : ''}<input type="${type}" id="${name}" name="${name}" value="${view.form?.[name] ?? ''}" aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}${extra}>`;
}

function newTokenForm(frame: ConsoleFrame, view: TokensView): Markup {
  const { t } = frame;
  const skips = view.skippable.map(
    (stage) =>
      html`<label class="choice"><input type="checkbox" name="skip" value="${stage}"${view.form?.skip?.includes(stage) ? html` checked` : ''}>${t.stageNames[stage] ?? stage}</label>`,
  );
  const skipSet = skips.length ? html`<fieldset><legend>${t.skipLegend}</legend>${skips}</fieldset>` : '';
  return html`<section class="card" aria-labelledby="new-token"><h2 id="new-token">${t.newTokenHeading}</h2><form method="post" action="${frame.path}/tokens">${csrfField(frame)}
${field(frame, view, 'label', 'text')}${field(frame, view, 'uses', 'number')}${field(frame, view, 'expiry', 'date')}${skipSet}${field(frame, view, 'token', 'text')}
<div><button type="submit">${t.createToken}</button></div></form></section>`;
}

export function tokensPage(frame: ConsoleFrame, view: TokensView): Page {
  const { t } = frame;
  const notice = view.notice && { text: t[view.notice.key], error: view.notice.error };
  const noLinks = view.links ? '' : html`<p class="hint">${t.noPage}</p>`;
  const body = html`<p>${t.tokensIntro}</p>${noLinks}${tokenTable(frame, view)}${newTokenForm(frame, view)}`;
  return consolePage({ frame, section: 'tokens', heading: t.tokensHeading, body, notice });
}
