/**
 * What operators are told of a sign-up that waits for their decision: English, the facts only (no password,
 * no raw IP), and where to decide. Apart from the person's messages (approval-messages.ts) because the
 * register part mails it, and that part loads no catalogue.
 */
import type { PendingRequest } from '../model/pending-request.js';
import type { MailContent } from '../ports/messages.js';
import { escapeHtml } from './html.js';

/** One line per header: a subject never carries a line break. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

export function operatorNotice(request: PendingRequest, brand: string): MailContent {
  const facts = [
    `Username: ${request.localpart}`,
    ...request.threepids.map((t) => `${t.medium === 'email' ? 'Email' : 'Phone'}: ${t.medium === 'email' ? t.address : `+${t.address}`}`),
    ...(request.tokenLabel ? [`Registration token: ${request.tokenLabel}`] : []),
    `Why it waits: ${request.reasons.join(', ')}`,
    `Decide before: ${new Date(request.deadline).toISOString()}`,
    `Request: ${request.id}`,
  ];
  const paragraphs = [
    'A new sign-up waits for your decision. Approve or deny it through the operator API (signup_requests).',
    facts.join('\n'),
  ];
  const greeting = 'Hello,';
  return {
    subject: oneLine(`${brand}: a sign-up waits for approval (${request.localpart})`),
    text: [greeting, ...paragraphs, brand].join('\n\n'),
    html: `<!doctype html>\n<html lang="en" dir="ltr"><body dir="ltr" style="font-family: system-ui, sans-serif; line-height: 1.5">
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
<p>${escapeHtml(brand)}</p>
</body></html>`,
  };
}
