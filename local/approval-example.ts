/**
 * `FRONT_DOOR_EXAMPLE=approval npm start`: the local front door with the approval queue and a decision
 * hook receiver on loopback (it refuses addresses at blocked.example and lets the rest through). Sign-ups
 * without a verified address at example.org then wait for an operator.
 */
import { randomBytes } from 'node:crypto';
import { startDecisionHookReceiver } from './decision-hook-receiver.js';

type Env = Record<string, string | undefined>;

/** Adds the example's settings to the raw config (where it has none) and starts the receiver; undefined unless asked for. */
export async function approvalExample(
  raw: Record<string, any>,
  env: Env,
): Promise<{ started: string[]; stop(): Promise<void> } | undefined> {
  if (env.FRONT_DOOR_EXAMPLE !== 'approval') return undefined;
  env.FRONT_DOOR_DECISION_HOOK_SECRET ??= `whsec_${randomBytes(24).toString('base64')}`;
  const madeKey = env.FRONT_DOOR_OPERATOR_KEY === undefined;
  env.FRONT_DOOR_OPERATOR_KEY ??= randomBytes(18).toString('base64url');
  const receiver = await startDecisionHookReceiver(env.FRONT_DOOR_DECISION_HOOK_SECRET, Number(env.DECISION_HOOK_PORT ?? 8009));
  raw.approval ??= { when: { unlessEmailIn: ['example.org'] }, deadlineSeconds: 24 * 3600, operatorEmails: ['operators@example.org'] };
  raw.decisionHook ??= { url: receiver.url, timeoutMs: 2000, onFailure: 'closed' };
  const requests = `http://127.0.0.1:${raw.port ?? 8080}/_front_door/admin/v1/signup_requests`;
  return {
    started: [
      `decision hook receiver     ${receiver.url}  (refuses addresses at blocked.example)`,
      `approval queue             curl -s -H 'Authorization: Bearer ${madeKey ? env.FRONT_DOOR_OPERATOR_KEY : '$FRONT_DOOR_OPERATOR_KEY'}' ${requests}`,
      `                           then POST ${requests}/<id>/approve (or /deny with {"reason": "...", "share_reason": true})`,
    ],
    stop: () => receiver.close(),
  };
}
