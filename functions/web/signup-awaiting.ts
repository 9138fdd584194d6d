/**
 * The sign-up page once the flow is done but the account waits for an operator (MSC3866): what happens
 * next and how the person will hear of it. No form: there is nothing left to send, and a resubmission
 * could only repeat the answer; the page shows the decision itself once it is made (done, or closed).
 */
import { ApprovalNoticeMedium } from '../matrix/approval-notice.js';
import { html, type Page } from './layout.js';
import { type PageFrame, signupPage } from './signup-layout.js';

/** `medium`: how the decision will be told (anything unknown reads as "no message"). */
export function awaitingStep(frame: PageFrame, medium: string): Page {
  const { t } = frame;
  const told =
    medium === ApprovalNoticeMedium.Email ? t.awaitingByEmail : medium === ApprovalNoticeMedium.Sms ? t.awaitingBySms : t.awaitingNoNotice;
  const body = html`<p class="notice" role="status">${t.awaitingIntro}</p>
<p data-notice-medium="${medium}">${told}</p>
<p>${t.awaitingClose}</p>`;
  return signupPage({ frame, heading: t.awaitingHeading, step: 'awaiting', body });
}

/**
 * The sign-up no longer waits and its session is gone: denied, or its deadline passed (an approved one
 * shows the done page instead, while its session lives). Which of the two the page cannot tell; the
 * message sent to the person does.
 */
export function awaitingClosedStep(frame: PageFrame): Page {
  const { t } = frame;
  const body = html`<p role="status">${t.awaitingClosedBody}</p><p><a href="${frame.path}?restart=1">${t.back}</a></p>`;
  return signupPage({ frame, heading: t.awaitingClosedHeading, step: 'awaiting_closed', body });
}
