/** The approval queue: each waiting sign-up with what the person gave, and one form to approve or deny the selected ones. */
import type { PendingRequest } from '../../model/pending-request.js';
import { html, type Markup, type Page } from '../layout.js';
import { say } from './console-i18n.js';
import { type ConsoleFrame, consolePage, csrfField } from './console-layout.js';

export interface ApprovalsView {
  requests: PendingRequest[];
  serverName: string;
  /** A link to the next page, when there is one. */
  next?: string;
  notice?: { text: string; error?: boolean };
}

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

function row(frame: ConsoleFrame, r: PendingRequest, serverName: string): Markup {
  const user = r.userId ?? `@${r.localpart}:${serverName}`;
  const addresses = r.threepids.map((t) => html`<span class="mono">${t.address}</span><br>`);
  const why = [...r.reasons, ...(r.tokenLabel ? [`token: ${r.tokenLabel}`] : [])].join(', ');
  return html`<tr data-request="${r.id}"><td><input type="checkbox" name="ids" value="${r.id}" id="req-${r.id}" aria-label="${say(frame.t, 'selectRequest', { user })}"></td><td><label for="req-${r.id}" class="mono">${user}</label></td><td>${addresses}</td><td>${why}</td><td>${when(r.requestedAt)}</td><td>${when(r.deadline)}</td></tr>`;
}

export function approvalsPage(frame: ConsoleFrame, view: ApprovalsView): Page {
  const { t } = frame;
  const table = view.requests.length
    ? html`<form method="post" action="${frame.path}/approvals">${csrfField(frame)}
<table><thead><tr><th scope="col"><span class="sr-only">${t.selectColumn}</span></th><th scope="col">${t.userColumn}</th><th scope="col">${t.addressesColumn}</th><th scope="col">${t.whyColumn}</th><th scope="col">${t.requestedColumn}</th><th scope="col">${t.deadlineColumn}</th></tr></thead><tbody>${view.requests.map((r) => row(frame, r, view.serverName))}</tbody></table>
<button type="submit" name="decision" value="approve">${t.approveSelected}</button>
<fieldset><legend>${t.denySelected}</legend><label for="reason">${t.denyReasonLabel}</label><input type="text" id="reason" name="reason" maxlength="1000">
<label class="choice"><input type="checkbox" name="share" value="1">${t.shareReason}</label>
<button type="submit" name="decision" value="deny" class="secondary">${t.denySelected}</button></fieldset></form>`
    : html`<p>${t.approvalsNone}</p>`;
  const next = view.next ? html`<p><a href="${frame.path}/approvals?from=${view.next}">${t.nextPage}</a></p>` : '';
  return consolePage({ frame, section: 'approvals', heading: t.approvalsHeading, body: html`${table}${next}`, notice: view.notice });
}
