/**
 * Each function's timeout, and the synth check that the homeserver calls one request can make fit inside
 * it and inside API Gateway's 30 s (an HTTP API gives up on its integration then, whatever the function does).
 */
import type { TenantConfig } from '../functions/config/tenant-config.js';
import { signupsMayWait } from '../functions/policy/approval-config.js';
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
export type InternalFunctionName = 'lookup' | 'sweep' | 'abandoned';

export interface FunctionTimeouts {
  timeoutsMs: Record<FunctionName | InternalFunctionName, number>;
  problems: string[];
}

const seconds = (ms: number) => Math.ceil(ms / 1000) * 1000;

export function functionTimeouts(config: TenantConfig): FunctionTimeouts {
  const homeserverMs = config.homeserver.timeoutMs;
  // The captcha is verified in the request that may also finish the sign-up.
  const captchaMs = config.captcha?.timeoutMs ?? 0;
  const registerNeeds = REGISTER_HOMESERVER_CALLS * homeserverMs + captchaMs + OWN_WORK_MS;
  // The owner lookup is one homeserver call; the senders wait for it, then send.
  const lookupMs = seconds(homeserverMs + OWN_WORK_MS);
  const senderMs = seconds(lookupMs + OWN_WORK_MS);
  const problems: string[] = [];
  if (registerNeeds > LONGEST_FUNCTION_MS) {
    const most = Math.floor((LONGEST_FUNCTION_MS - OWN_WORK_MS - captchaMs) / REGISTER_HOMESERVER_CALLS);
    problems.push(
      `frontDoor.homeserver.timeoutMs: one registration may make ${REGISTER_HOMESERVER_CALLS} homeserver calls` +
        `${captchaMs ? ` and a captcha check (${captchaMs} ms)` : ''}: ${REGISTER_HOMESERVER_CALLS} × ${homeserverMs} ms` +
        ` plus ${OWN_WORK_MS} ms of its own work is ${registerNeeds} ms, more than the ${LONGEST_FUNCTION_MS} ms a function` +
        ` behind API Gateway (30 s) may take; set it to ${most} or less`,
    );
  }
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
      // as a registration (without a captcha): the register function's time, which the check above fits.
      admin: signupsMayWait(config) ? LONGEST_FUNCTION_MS : TABLE_ONLY_MS,
      meter: TABLE_ONLY_MS,
      sweep: SWEEP_MS,
      // A batch of the table's stream: one transaction per abandoned session.
      abandoned: TABLE_ONLY_MS,
    },
    problems,
  };
}
