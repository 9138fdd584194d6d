/**
 * Whether a phone number is a mobile number, by libphonenumber's full metadata ("max": about 150 KB, which
 * only the sms function bundles: entries/sms.ts passes this to requestToken; the register bundle never loads it).
 * SMS to fixed lines, premium-rate, shared-cost or VoIP ranges is what SMS pumping fraud buys.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The types that can receive an SMS; some countries (the US among them) do not tell mobile from fixed line. */
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/** true only for a number the full metadata knows as mobile; unknown types are refused (fail closed). */
export function isMobileNumber(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type !== undefined && MOBILE_TYPES.has(type);
}
