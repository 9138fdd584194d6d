/**
 * Each function's timeout, and the synth check that every wait of one request (the homeserver calls, the
 * captcha, the decision hook, the first try of the event webhook and onboarding) fits inside it and inside
 * API Gateway's 30 s (an HTTP API gives up on its integration then, whatever the function does).
 */
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { signupsMayWait } from '../functions/policy/approval-settings.js';
import type { FunctionName } from './routes.js';

/** API Gateway HTTP API's integration timeout, and the most any front-door function may take, with a second to answer. */
export const API_GATEWAY_TIMEOUT_MS = 30_000;
const LONGEST_FUNCTION_MS = API_GATEWAY_TIMEOUT_MS - 1_000;
/** Cold-start-free work besides the waits for the homeserver: table writes, sealing, an SES or SNS call. */
const OWN_WORK_MS = 2_000;

/**
 * The most homeserver calls one POST /register can make: re-checking up to two addresses, then creating the
 * account and, after a lost answer, adopting it (up to seven calls: adapters/synapse/adoption.ts). The
 * engine's creation lease assumes the same (compose/build.ts: 9 × timeoutMs).
 */
export const REGISTER_HOMESERVER_CALLS = 9;

/** The scheduled sweep (issue 16): one try per due task, the next sweep a minute away. */
const SWEEP_MS = 60_000;
/** What answers from the table alone (and the operator API that does not decide sign-ups). */
const TABLE_ONLY_MS = 10_000;

/** Functions no route leads to (the lookup is also a FunctionName: the senders invoke it). */
export type InternalFunctionName = 'lookup' | 'sweep' | 'funnel';

export interface FunctionTimeouts {
  timeoutsMs: Record<FunctionName | InternalFunctionName, number>;
  problems: string[];
}

const seconds = (ms: number) => Math.ceil(ms / 1000) * 1000;

/** One thing a request waits for, with the config fields that bound it. */
interface Wait {
  what: string;
  fields: string;
  ms: number;
}

/**
 * What one request that finishes a sign-up may wait for, one after the other: the captcha check (in the request
 * that may also finish the sign-up), the decision hook (asked before the account is made), the homeserver
 * calls of the creation, then what follows it inside the same request (records/outbox-runner.ts: a new
 * outbox task is tried at once, and the creation hook awaits that try): the first try of the sign-up event's
 * webhook beside the onboarding (a display name and each room joined, one homeserver call each), so the
 * longer of the two. The EventBridge sink has no timeout of the tenant's: its SDK call is own work.
 * An operator's approval in the admin function waits for the same but the captcha and the hook (the session
 * was admitted), so what fits here fits there.
 */
export function signupWaits(config: TenantConfig): Wait[] {
  const homeserverMs = config.homeserver.timeoutMs;
  const waits: Wait[] = [];
  if (config.captcha) waits.push({ what: 'a captcha check', fields: 'captcha.timeoutMs', ms: config.captcha.timeoutMs });
  if (config.decisionHook) waits.push({ what: 'the decision hook', fields: 'decisionHook.timeoutMs', ms: config.decisionHook.timeoutMs });
  waits.push({
    what: `${REGISTER_HOMESERVER_CALLS} homeserver calls`,
    fields: 'homeserver.timeoutMs',
    ms: REGISTER_HOMESERVER_CALLS * homeserverMs,
  });
  const webhookMs = config.events?.webhook?.timeoutMs ?? 0;
  const onboardingMs = config.onboarding ? (config.onboarding.rooms.length + 1) * homeserverMs : 0;
  if (webhookMs > 0 && webhookMs >= onboardingMs)
    waits.push({ what: "the sign-up event webhook's first try", fields: 'events.webhook.timeoutMs', ms: webhookMs });
  else if (onboardingMs > 0)
    waits.push({ what: 'onboarding (the display name and each room)', fields: 'homeserver.timeoutMs, onboarding.rooms', ms: onboardingMs });
  return waits;
}

/** The largest homeserver timeout that fits the other waits into a function behind API Gateway. */
function largestHomeserverTimeout(config: TenantConfig): number {
  const fixed = signupWaits(config)
    .filter((w) => w.fields.startsWith('captcha') || w.fields.startsWith('decisionHook'))
    .reduce((sum, w) => sum + w.ms, 0);
  const room = LONGEST_FUNCTION_MS - OWN_WORK_MS - fixed;
  const webhookMs = config.events?.webhook?.timeoutMs ?? 0;
  const byWebhook = (room - webhookMs) / REGISTER_HOMESERVER_CALLS;
  const byOnboarding = config.onboarding ? room / (REGISTER_HOMESERVER_CALLS + config.onboarding.rooms.length + 1) : byWebhook;
  return Math.floor(Math.min(byWebhook, byOnboarding));
}

function signupProblem(config: TenantConfig): string | undefined {
  const waits = signupWaits(config);
  const needs = waits.reduce((sum, w) => sum + w.ms, OWN_WORK_MS);
  if (needs <= LONGEST_FUNCTION_MS) return undefined;
  const [calls, ...others] = [
    waits.find((w) => w.fields === 'homeserver.timeoutMs')!,
    ...waits.filter((w) => w.fields !== 'homeserver.timeoutMs'),
  ];
  const most = largestHomeserverTimeout(config);
  const fields = [...new Set(waits.flatMap((w) => w.fields.split(', ')))].map((f) => `frontDoor.${f}`);
  const advice = most >= 100 ? `set it to ${most} or less` : 'no homeserver timeout fits';
  return (
    `${fields.join(', ')}: one registration may make ${REGISTER_HOMESERVER_CALLS} homeserver calls` +
    `${others.map((w) => ` and wait for ${w.what} (${w.fields}: ${w.ms} ms)`).join('')}: ${REGISTER_HOMESERVER_CALLS} × ` +
    `${config.homeserver.timeoutMs} ms (${calls.ms} ms)${others.map((w) => ` + ${w.ms} ms`).join('')} plus ${OWN_WORK_MS} ms of its own ` +
    `work is ${needs} ms, more than the ${LONGEST_FUNCTION_MS} ms a function behind API Gateway (30 s) may take ` +
    `(the register and pages functions${signupsMayWait(config) ? ', and the admin function approving a sign-up' : ''}); ` +
    `frontDoor.homeserver.timeoutMs: ${advice}${others.length > 0 ? `, or lower ${others.map((w) => `frontDoor.${w.fields}`).join(', ')}` : ''}`
  );
}

export function functionTimeouts(config: TenantConfig): FunctionTimeouts {
  const homeserverMs = config.homeserver.timeoutMs;
  // The owner lookup is one homeserver call; the senders wait for it, then send.
  const lookupMs = seconds(homeserverMs + OWN_WORK_MS);
  const senderMs = seconds(lookupMs + OWN_WORK_MS);
  const problems: string[] = [];
  // The admin function's approval waits for a subset of these (no captcha, no hook): this check covers it too.
  const signup = signupProblem(config);
  if (signup) problems.push(signup);
  if (senderMs > LONGEST_FUNCTION_MS) {
    problems.push(
      `frontDoor.homeserver.timeoutMs: requestToken waits for one owner lookup (${lookupMs} ms) and a send; that passes ${LONGEST_FUNCTION_MS} ms`,
    );
  }
  return {
    timeoutsMs: {
      register: LONGEST_FUNCTION_MS,
      // The sign-up page finishes sign-ups through the same engine (and the fallback page checks a captcha).
      pages: LONGEST_FUNCTION_MS,
      lookup: lookupMs,
      email: senderMs,
      sms: senderMs,
      checks: TABLE_ONLY_MS,
      // Approving a waiting sign-up makes its account in the operator's request, through the same creation
      // as a registration (without the captcha and the hook): the register function's time, which the check above fits.
      admin: signupsMayWait(config) ? LONGEST_FUNCTION_MS : TABLE_ONLY_MS,
      meter: TABLE_ONLY_MS,
      // A reset makes three homeserver calls under its lease, an address added four under its lock: the register function's time fits both.
      account: LONGEST_FUNCTION_MS,
      sweep: SWEEP_MS,
      // A batch of the table's stream: a transaction per 100 funnel steps, one per abandoned session.
      funnel: TABLE_ONLY_MS,
    },
    problems,
  };
}
