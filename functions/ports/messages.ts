/**
 * The words of what requestToken sends: the verification mail and SMS, and the notice sent instead to an
 * address that already has an account. The engine decides what to send and to whom; web/messages.ts
 * writes the words (escaping what goes into HTML).
 */
import type { ValidationPurpose } from '../model/validation-session.js';

/** The tenant's overrides of the verification mail; placeholders: {{brand}} {{link}} {{address}} {{minutes}}. */
export interface MailTemplates {
  subject?: string;
  text?: string;
  html?: string;
}

/** A mail without its recipient: a plain-text and an HTML part. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * `lang`: the language the sign-up was made in (a tag such as `de`, as the sign-up page or Accept-Language
 * chose it); English when absent or unknown. The tenant's templates, where given, win in every language.
 */
export interface Messages {
  verificationMail(mail: {
    address: string;
    link: string;
    brand: string;
    lifetimeSeconds: number;
    templates: MailTemplates;
    lang?: string;
    /** What the validation is for (the sentences that say why the mail came); a sign-up when absent. */
    purpose?: ValidationPurpose;
  }): MailContent;
  /** `template`: the tenant's override; placeholders: {{brand}} {{code}} {{minutes}}. */
  verificationSms(sms: {
    code: string;
    brand: string;
    lifetimeSeconds: number;
    template?: string;
    lang?: string;
    /** A reset's code says what it is for (and no tenant template applies); a sign-up's when absent. */
    purpose?: ValidationPurpose;
  }): string;
  /** `purpose`: the address was to be added to an account (add) rather than signed up with (absent). */
  inUseNoticeMail(brand: string, lang?: string, purpose?: ValidationPurpose): MailContent;
  inUseNoticeSms(brand: string, lang?: string, purpose?: ValidationPurpose): string;
  /** A password reset asked for an address no account uses (enumeration-safe): sent instead of a code. */
  resetUnknownNoticeMail(brand: string, lang?: string): MailContent;
  resetUnknownNoticeSms(brand: string, lang?: string): string;
}
