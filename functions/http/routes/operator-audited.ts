/**
 * An operator action audited write-ahead, for the operator API and the console alike: recorded as
 * attempted first (a failing audit write fails the request with nothing done), then settled: done, or
 * failed when `run` throws or finds nothing to act on (undefined). A failing settle is logged and changes
 * no answer: the action happened, and its entry says it was attempted.
 */
import type { Logger } from '../../model/log.js';
import type { AuditLog, OperatorAction } from '../../ports/audit.js';
import type { Clock } from '../../ports/clock.js';

export async function auditedAction<T>(
  deps: { audit?: AuditLog; clock: Clock; log: Logger },
  action: OperatorAction,
  run: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const { audit, clock, log } = deps;
  if (!audit) return run();
  const entry = await audit.recordIntent(action, clock.now());
  const settle = (outcome: 'done' | 'failed') =>
    audit.settle(entry, outcome).catch((error: Error) => log.error('audit_not_settled', { id: entry.id, outcome, name: error.name }));
  let result: T | undefined;
  try {
    result = await run();
  } catch (error) {
    await settle('failed');
    throw error;
  }
  await settle(result === undefined ? 'failed' : 'done');
  return result;
}
