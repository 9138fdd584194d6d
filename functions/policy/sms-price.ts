/**
 * What one verification SMS is estimated to cost, for the spend metric and the console's "spend today":
 * the tenant's own figure (its price cap per message) when it gives one, else a rough per-country figure.
 * The table is an estimate for dashboards, never a bill: SNS prices change, and vary by carrier.
 */

/**
 * Rough USD per message by calling code (late 2025 orders of magnitude, carrier fees included; check
 * the SNS SMS pricing page for a tenant's countries and set `observability.smsPriceUsd` instead).
 */
const ROUGH_PRICE_BY_CALLING_CODE: ReadonlyArray<readonly [string, number]> = [
  ['1', 0.01],
  ['44', 0.04],
  ['49', 0.09],
  ['33', 0.07],
  ['34', 0.07],
];
/** Deliberately high: an unknown destination should make the estimate err towards caution. */
export const UNKNOWN_COUNTRY_PRICE_USD = 0.1;

/** The price function for a tenant: `fixedUsd` (its configured figure) for every number, or the rough table. */
export function smsPriceEstimate(fixedUsd?: number): (e164: string) => number {
  if (fixedUsd !== undefined) return () => fixedUsd;
  return (e164) => {
    const digits = e164.replace(/^\+/, '');
    // Calling codes are prefix-free, so the first match is the only one.
    const match = ROUGH_PRICE_BY_CALLING_CODE.find(([code]) => digits.startsWith(code));
    return match ? match[1] : UNKNOWN_COUNTRY_PRICE_USD;
  };
}
