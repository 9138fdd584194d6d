/**
 * The decision hook over HTTPS: POSTs the sign-up's facts, signed the Standard Webhooks way, and reads the
 * tenant's answer `{decision: "allow"|"deny"|"queue", message?, display_name?, rooms?}`. No answer in time,
 * a non-2xx status or an answer it cannot use is DecisionHookUnavailable (the tenant's setting decides).
 */
import { randomLetters } from '../../crypto/random.js';
import { signWebhook, webhookKey } from '../../crypto/webhook-signature.js';
import type { Clock } from '../../ports/clock.js';
import { DecisionHookUnavailable, type DecisionHook, type HookAnswer, type SignupFactsForHook } from '../../ports/decision-hook.js';
import type { Enrichment } from '../../model/session.js';

const MAX_ANSWER_BYTES = 16 * 1024;
const ROOM = /^[!#][^\s:]+:[^\s]+$/;

export interface HttpDecisionHookOptions {
  url: string;
  /** The `whsec_…` secret shared with the tenant's endpoint. */
  secret: string;
  timeoutMs: number;
  clock: Clock;
  fetch?: typeof fetch;
}

export function httpDecisionHook(options: HttpDecisionHookOptions): DecisionHook {
  const key = webhookKey(options.secret);
  // The global `fetch` is looked up when first called: reading it loads undici, which a cold start need not pay for.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    async decide(facts: SignupFactsForHook): Promise<HookAnswer> {
      const body = JSON.stringify({ type: 'signup.decision', facts });
      const headers = signWebhook(key, `msg_${randomLetters(24)}`, options.clock.now() / 1000, body);
      let text: string;
      let status: number;
      try {
        const response = await fetchImpl(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'error',
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        throw new DecisionHookUnavailable(`no answer: ${(error as Error).name}`);
      }
      if (status < 200 || status > 299) throw new DecisionHookUnavailable(`HTTP ${status}`);
      return parseAnswer(text);
    },
  };
}

/** The hook's answer, checked field by field; the admin flag (or anything else) is never taken from it. */
export function parseAnswer(text: string): HookAnswer {
  if (text.length > MAX_ANSWER_BYTES) throw new DecisionHookUnavailable('answer too large');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DecisionHookUnavailable('answer is not JSON');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DecisionHookUnavailable('answer is not an object');
  const answer = raw as Record<string, unknown>;
  if (answer.decision === 'deny') {
    const message = typeof answer.message === 'string' && answer.message.trim() ? answer.message.trim().slice(0, 500) : undefined;
    return { decision: 'deny', message: message ?? 'This sign-up is not allowed on this server' };
  }
  if (answer.decision !== 'allow' && answer.decision !== 'queue') throw new DecisionHookUnavailable('unknown decision');
  const enrichment = enrichmentOf(answer);
  return { decision: answer.decision, ...(enrichment ? { enrichment } : {}) };
}

function enrichmentOf(answer: Record<string, unknown>): Enrichment | undefined {
  const { display_name: name, rooms } = answer;
  if (name !== undefined && (typeof name !== 'string' || name.length === 0 || name.length > 256 || /[\u0000-\u001f]/.test(name))) {
    throw new DecisionHookUnavailable('display_name must be a string of 1 to 256 characters');
  }
  if (rooms !== undefined && (!Array.isArray(rooms) || rooms.length > 50 || rooms.some((r) => typeof r !== 'string' || !ROOM.test(r)))) {
    throw new DecisionHookUnavailable('rooms must be a list of room IDs or aliases');
  }
  if (name === undefined && rooms === undefined) return undefined;
  return { ...(name !== undefined ? { displayName: name as string } : {}), ...(rooms !== undefined ? { rooms: rooms as string[] } : {}) };
}
