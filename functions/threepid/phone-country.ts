/**
 * The country of a verified phone number, for the tenant's country lists, without the numbering plan's
 * metadata: the country is found when the number is first parsed (requestToken, address.ts) and stored with
 * its validation, so the re-check at account creation (recheck.ts) need not parse the number again and the
 * register part loads no phone metadata. A number verified before the country was stored (a sign-up in
 * flight when this was deployed) is judged by its calling code: where several countries share it (+1, +7,
 * +44…), it passes if one of them would. It passed the lists when it was verified; this keeps a tenant with
 * `allowedCountries: ["GB"]` from refusing the UK numbers in flight, at the price of letting a Jersey number
 * through where only JE was newly denied, for as long as such sessions live (`sessionLifetimeSeconds`).
 */
import { CALLING_CODES } from './calling-codes.js';
import type { MsisdnConfig } from './threepid-config.js';

/** Whether numbers of this country (ISO 3166 alpha-2; '' when the number has none) may be used. */
export function countryAllowed(country: string, config: Pick<MsisdnConfig, 'allowedCountries' | 'deniedCountries'>): boolean {
  if (config.deniedCountries.includes(country)) return false;
  return config.allowedCountries === undefined || config.allowedCountries.includes(country);
}

let byCode: Map<string, string[]> | undefined;

/** The countries sharing the calling code that begins these E.164 digits (no '+'); codes are prefix-free. */
export function countriesOfCallingCode(msisdn: string): string[] {
  byCode ??= new Map(
    CALLING_CODES.split('|')
      .map((entry) => entry.split(' '))
      .map(([code, ...countries]) => [code!, countries]),
  );
  for (const length of [1, 2, 3]) {
    const countries = byCode.get(msisdn.slice(0, length));
    if (countries) return countries;
  }
  return [''];
}

/** The re-check: by the country stored with the validation, else by the countries the calling code may mean. */
export function verifiedPhoneAllowed(msisdn: string, storedCountry: string | undefined, config: MsisdnConfig): boolean {
  if (storedCountry !== undefined) return countryAllowed(storedCountry, config);
  return countriesOfCallingCode(msisdn).some((country) => countryAllowed(country, config));
}
