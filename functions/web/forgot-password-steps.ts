/**
 * The "Forgot password" page, one renderer per step, in the sign-up page's frame (layout, languages, script,
 * CSP): the address, "check your mail" or the SMS code, the new password, done. Every value escaped by `html`.
 * The DOM contract is the sign-up page's: `data-step` on `<main>`, one form per step naming it in `step`.
 */
import { say } from './i18n/pick-language.js';
import { html, type Page } from './layout.js';
import { inputField, stepForm, type StepError } from './signup-fields.js';
import { type PageFrame, signupPage } from './signup-layout.js';
import { countryOptions } from './signup-steps.js';

export const ResetStep = {
  Email: 'reset_email',
  Phone: 'reset_phone',
  EmailSent: 'reset_email_sent',
  Code: 'reset_code',
  Password: 'reset_password',
  Done: 'reset_done',
} as const;
export type ResetStep = (typeof ResetStep)[keyof typeof ResetStep];

/** `other`: a link to the other medium, when the tenant offers both. */
export function resetEmailStep(frame: PageFrame, view: { address?: string; other: boolean }, error?: StepError): Page {
  const { t } = frame;
  const field = inputField({ name: 'email', type: 'email', label: t.emailLabel, value: view.address, autocomplete: 'email', error });
  const other = view.other ? html`<p><a href="${frame.path}?use=phone">${t.resetUsePhone}</a></p>` : undefined;
  const body = html`<p>${t.resetIntroEmail}</p>${stepForm(frame, ResetStep.Email, field, t.resetSend, error)}${other}`;
  return signupPage({ frame, heading: t.resetHeading, step: ResetStep.Email, body });
}

export function resetPhoneStep(frame: PageFrame, view: { country?: string; phone?: string; other: boolean }, error?: StepError): Page {
  const { t } = frame;
  const content = html`<label for="field-country">${t.countryLabel}</label>
<select id="field-country" name="country" autocomplete="country">${countryOptions(t.lang, view.country)}</select>
${inputField({ name: 'phone', type: 'tel', label: t.phoneLabel, value: view.phone, autocomplete: 'tel-national', error })}`;
  const other = view.other ? html`<p><a href="${frame.path}?use=email">${t.resetUseEmail}</a></p>` : undefined;
  const body = html`<p>${t.resetIntroPhone}</p>${stepForm(frame, ResetStep.Phone, content, t.resetSend, error)}${other}`;
  return signupPage({ frame, heading: t.resetHeading, step: ResetStep.Phone, body });
}

/** "Check your mail": the link brings the person back here; the button sends the mail again. */
export function resetEmailSentStep(frame: PageFrame, view: { address: string; minutes: number; resent: boolean }, error?: StepError): Page {
  const { t } = frame;
  const notice = view.resent ? html`<p class="notice" role="status">${t.emailResent}</p>` : undefined;
  const body = html`<p>${say(t, 'resetEmailSentBody', { address: view.address, minutes: view.minutes })}</p>${notice}
${stepForm(frame, 'reset_email_resend', html``, t.emailResend, error)}
<p><a href="${frame.path}?use=email">${t.emailChange}</a></p>`;
  return signupPage({ frame, heading: t.emailSent, step: ResetStep.EmailSent, body });
}

export function resetCodeStep(frame: PageFrame, number: string, error?: StepError): Page {
  const { t } = frame;
  const field = inputField({
    name: 'code',
    type: 'text',
    label: t.codeLabel,
    hint: say(t, 'resetCodeHint', { number }),
    autocomplete: 'one-time-code',
    extra: html` inputmode="numeric" maxlength="12"`,
    error,
  });
  const body = html`${stepForm(frame, ResetStep.Code, field, t.continue, error)}
<p><a href="${frame.path}?use=phone">${t.codeResend}</a></p>`;
  return signupPage({ frame, heading: t.codeHeading, step: ResetStep.Code, body });
}

/** The new password twice, and whether to sign out everywhere else (on unless the person unticks it). */
export function resetPasswordStep(frame: PageFrame, minLength: number, error?: StepError): Page {
  const { t } = frame;
  const fields = html`${inputField({
    name: 'password',
    type: 'password',
    label: t.newPasswordLabel,
    hint: say(t, 'passwordHint', { min: minLength }),
    autocomplete: 'new-password',
    error,
  })}${inputField({ name: 'password_confirm', type: 'password', label: t.passwordConfirmLabel, autocomplete: 'new-password', error })}
<label class="choice"><input type="checkbox" name="logout_devices" value="yes" checked aria-describedby="hint-logout_devices"> <span>${t.resetLogoutLabel}</span></label>
<span class="hint" id="hint-logout_devices">${t.resetLogoutHint}</span>`;
  const body = stepForm(frame, ResetStep.Password, fields, t.resetSubmit, error);
  return signupPage({ frame, heading: t.resetPasswordHeading, step: ResetStep.Password, body });
}

export interface ResetDoneView {
  loggedOut: boolean;
  elementWebUrl: string;
  homeserverUrl: string;
}

/** The end: how to sign in with the new password. */
export function resetDoneStep(frame: PageFrame, view: ResetDoneView): Page {
  const { t } = frame;
  const body = html`<p role="status">${t.resetDoneBody}</p>${view.loggedOut ? html`<p>${t.resetDoneLoggedOut}</p>` : ''}
<ul class="done"><li><a href="${view.elementWebUrl}">${t.doneElementWeb}</a></li>
<li>${t.doneHomeserver} <code>${view.homeserverUrl}</code></li></ul>`;
  return signupPage({ frame, heading: t.resetDoneHeading, step: ResetStep.Done, body });
}
