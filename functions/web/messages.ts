/** The words of the verification mail and SMS, and of the notice sent to an address already in use. */
import type { MailContent, Messages } from '../ports/index.js';
import { fillTemplate } from './html.js';

const DEFAULT_SUBJECT = 'Confirm your email address for {{brand}}';
const DEFAULT_TEXT = `Hello,

Someone, hopefully you, is creating an account on {{brand}} with this email address.
To confirm it, open this link within {{minutes}} minutes:

{{link}}

If this was not you, ignore this mail: no account will be made with your address.

{{brand}}`;

const DEFAULT_HTML = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; color: #1b1d22; max-width: 36rem; margin: 2rem auto; line-height: 1.5">
<h1 style="font-size: 1.3rem">Confirm your email address</h1>
<p>Someone, hopefully you, is creating an account on <strong>{{brand}}</strong> with this email address.</p>
<p><a href="{{link}}" style="display: inline-block; padding: .6rem 1.2rem; background: #0d7a5f; color: #fff; border-radius: .4rem; text-decoration: none">Confirm my address</a></p>
<p style="font-size: .9rem; color: #555">The link works for {{minutes}} minutes. If the button does not work, paste this into your browser:<br>{{link}}</p>
<p style="font-size: .9rem; color: #555">If this was not you, ignore this mail: no account will be made with your address.</p>
</body></html>`;

export const DEFAULT_SMS = '{{code}} is your {{brand}} verification code. It expires in {{minutes}} minutes.';

const minutes = (seconds: number) => String(Math.round(seconds / 60));

/** Sent instead of a code when the address already has an account and the tenant hides that fact. */
function inUseNoticeMail(brand: string): MailContent {
  const text = `Hello,

Someone tried to create a new account on ${brand} with this email address, which already belongs to an account.
Nothing was changed. If it was you, sign in with your existing account instead (you can reset your password there).
If it was not you, you can ignore this mail.

${brand}`;
  return {
    subject: `Sign-up attempt on ${brand}`,
    text,
    html: `<!doctype html><html><body><pre style="font-family: system-ui, sans-serif; white-space: pre-wrap">${fillTemplate('{{t}}', { t: text }, true)}</pre></body></html>`,
  };
}

/** The front door's own words, with the tenant's templates where it has them; values are escaped in HTML. */
export const verificationMessages: Messages = {
  verificationMail({ address, link, brand, lifetimeSeconds, templates }) {
    const values = { brand, link, address, minutes: minutes(lifetimeSeconds) };
    return {
      subject: fillTemplate(templates.subject ?? DEFAULT_SUBJECT, values).replace(/[\r\n]+/g, ' '),
      text: fillTemplate(templates.text ?? DEFAULT_TEXT, values),
      html: fillTemplate(templates.html ?? DEFAULT_HTML, values, true),
    };
  },
  verificationSms: ({ code, brand, lifetimeSeconds, template }) =>
    fillTemplate(template ?? DEFAULT_SMS, { brand, code, minutes: minutes(lifetimeSeconds) }),
  inUseNoticeMail,
  inUseNoticeSms: (brand) =>
    `Someone tried to create a ${brand} account with this number, which already has one. If it was not you, ignore this message.`,
};
