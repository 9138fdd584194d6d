/** The words of the verification mail and SMS, and of the notice sent to an address already in use. */
import type { OutgoingEmail } from '../ports/index.js';
import { fillTemplate } from '../web/html.js';
import type { EmailConfig } from './threepid-config.js';

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

export function verificationMail(config: EmailConfig, brand: string, to: string, link: string): OutgoingEmail {
  const values = { brand, link, address: to, minutes: String(Math.round(config.tokenLifetimeSeconds / 60)) };
  return {
    to,
    subject: fillTemplate(config.templates.subject ?? DEFAULT_SUBJECT, values).replace(/[\r\n]+/g, ' '),
    text: fillTemplate(config.templates.text ?? DEFAULT_TEXT, values),
    html: fillTemplate(config.templates.html ?? DEFAULT_HTML, values, true),
  };
}

export function verificationSms(template: string | undefined, brand: string, code: string, lifetimeSeconds: number): string {
  return fillTemplate(template ?? DEFAULT_SMS, { brand, code, minutes: String(Math.round(lifetimeSeconds / 60)) });
}

/** Sent instead of a code when the address already has an account and the tenant hides that fact. */
export function inUseNoticeMail(brand: string, to: string): OutgoingEmail {
  const text = `Hello,

Someone tried to create a new account on ${brand} with this email address, which already belongs to an account.
Nothing was changed. If it was you, sign in with your existing account instead (you can reset your password there).
If it was not you, you can ignore this mail.

${brand}`;
  return {
    to,
    subject: `Sign-up attempt on ${brand}`,
    text,
    html: `<!doctype html><html><body><pre style="font-family: system-ui, sans-serif; white-space: pre-wrap">${fillTemplate('{{t}}', { t: text }, true)}</pre></body></html>`,
  };
}

export const inUseNoticeSms = (brand: string) =>
  `Someone tried to create a ${brand} account with this number, which already has one. If it was not you, ignore this message.`;
