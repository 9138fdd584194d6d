/**
 * The sign-up funnel as counts: what the tenant table keeps per hour (ports/signup-counters.ts) and what the
 * metrics carry. Stage types and reasons (errcodes) are a short fixed vocabulary, never a message or an address.
 */
export interface SignupCounts {
  /** New UIA sessions (the first `POST /register` of a sign-up). */
  started: number;
  /** Accounts created (the session completed). */
  completed: number;
  /** Sessions that expired unfinished (counted by the sweep). */
  abandoned: number;
  /** Stage type (e.g. `m.login.email.identity`) → times it was passed. */
  passed: Record<string, number>;
  /** Stage type → reason (an errcode) → times it was refused. */
  failed: Record<string, Record<string, number>>;
  mailSent: number;
  smsSent: number;
  /** The estimated cost of the SMS sent, in US dollars (the price cap per message, or a per-country estimate). */
  smsSpendUsd: number;
  /** Requests the front door refused with 429 M_LIMIT_EXCEEDED. */
  rateLimited: number;
  homeserverErrors: number;
  creationRetries: number;
}

/** The counts of one UTC hour. */
export interface HourCounts extends SignupCounts {
  /** Epoch ms of the hour's start (UTC). */
  hourStart: number;
}

export const HOUR_MS = 3_600_000;

export const hourOf = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

export function emptyCounts(): SignupCounts {
  return {
    started: 0,
    completed: 0,
    abandoned: 0,
    passed: {},
    failed: {},
    mailSent: 0,
    smsSent: 0,
    smsSpendUsd: 0,
    rateLimited: 0,
    homeserverErrors: 0,
    creationRetries: 0,
  };
}

const SCALARS = [
  'started',
  'completed',
  'abandoned',
  'mailSent',
  'smsSent',
  'smsSpendUsd',
  'rateLimited',
  'homeserverErrors',
  'creationRetries',
] as const;

/** Adds `more` into `into` (which it changes and returns). */
export function addCounts(into: SignupCounts, more: Partial<SignupCounts>): SignupCounts {
  for (const name of SCALARS) into[name] += more[name] ?? 0;
  for (const [stage, n] of Object.entries(more.passed ?? {})) into.passed[stage] = (into.passed[stage] ?? 0) + n;
  for (const [stage, reasons] of Object.entries(more.failed ?? {})) {
    const target = (into.failed[stage] ??= {});
    for (const [reason, n] of Object.entries(reasons)) target[reason] = (target[reason] ?? 0) + n;
  }
  return into;
}

/** The totals over several hours (e.g. the last 24 h). */
export function sumCounts(hours: readonly Partial<SignupCounts>[]): SignupCounts {
  return hours.reduce<SignupCounts>((total, hour) => addCounts(total, hour), emptyCounts());
}

/** True when nothing was counted. */
export function isEmptyCounts(counts: Partial<SignupCounts>): boolean {
  const total = addCounts(emptyCounts(), counts);
  return SCALARS.every((name) => total[name] === 0) && Object.keys(total.passed).length === 0 && Object.keys(total.failed).length === 0;
}
