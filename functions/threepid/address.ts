/** Canonical forms of email addresses and phone numbers, and the tenant's allow and deny lists. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { invalidParam } from '../matrix/errors.js';
import type { EmailConfig, MsisdnConfig } from './threepid-config.js';
import { countryAllowed } from './phone-country.js';

const MAX_EMAIL_LENGTH = 500;
const EMAIL_SHAPE =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

/**
 * Characters that no one types into an address but that change what a mail client or a log shows: C0 and
 * C1 controls (NUL among them), DEL, bidirectional overrides and isolates, and zero-width characters.
 */
const INVISIBLE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** The email as it will be stored and compared: trimmed, domain lowercased, local part casefolded. */
export function canonicalEmail(raw: string): string {
  const email = raw.trim();
  if (INVISIBLE_OR_CONTROL.test(email)) throw invalidParam('Email address contains a control or invisible character');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) throw invalidParam('Unable to parse email address');
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at).toLowerCase()}@${email.slice(at + 1).toLowerCase()}`;
}

export interface ParsedPhone {
  /** E.164 digits without '+', as Synapse stores an msisdn. */
  msisdn: string;
  e164: string;
  international: string;
  country?: string;
}

export function parsePhone(phoneNumber: string, country: string): ParsedPhone {
  const region = country.toUpperCase();
  const parsed = /^[A-Z]{2}$/.test(region) ? parsePhoneNumberFromString(phoneNumber, region as never) : undefined;
  if (!parsed?.isValid()) throw invalidParam('Phone number is not valid');
  return { msisdn: parsed.number.slice(1), e164: parsed.number, international: parsed.formatInternational(), country: parsed.country };
}

const inDomain = (email: string, domains: string[]) => {
  const host = email.slice(email.lastIndexOf('@') + 1);
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
};

export function emailAllowed(email: string, config: EmailConfig): boolean {
  if (inDomain(email, config.deniedDomains)) return false;
  return config.allowedDomains === undefined || inDomain(email, config.allowedDomains);
}

export function phoneAllowed(phone: ParsedPhone, config: MsisdnConfig): boolean {
  return countryAllowed(phone.country ?? '', config);
}
