/**
 * Evaluates a recorded table call (table-recorder.ts) against a function's table grants
 * (infra/table-access.ts) the way IAM evaluates the statements `grantTableAccess` writes: an Allow
 * statement applies when the action is one of its actions, the resource is the tenant table, and
 * `ForAllValues:StringLike` on `dynamodb:LeadingKeys` holds; nothing else allows anything.
 */
import type { Grant } from '../../../infra/table-access.js';
import type { RecordedCall } from './table-recorder.js';

/** IAM's StringLike: `*` is any run of characters (`?` any one), everything else is itself, case-sensitive. */
export function stringLike(pattern: string, value: string): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

/**
 * ForAllValues: every value of the request's key set matches one of the patterns. A request that names no
 * leading key (a Scan) has an empty set, for which ForAllValues holds: only the action then stands in its way.
 */
const leadingKeysHold = (patterns: string[], pk: string | undefined) => pk === undefined || patterns.some((p) => stringLike(p, pk));

export function isAllowed(call: RecordedCall, grants: Grant[], table: string): boolean {
  if (call.table !== undefined && call.table !== table) return false;
  return grants.some((grant) => grant.actions.includes(call.action) && leadingKeysHold(grant.keys, call.pk));
}

/** The calls the grants do not allow, each once, as `action pk` lines to print. */
export function deniedCalls(calls: RecordedCall[], grants: Grant[], table: string): string[] {
  const denied = calls.filter((call) => !isAllowed(call, grants, table)).map((call) => `${call.action} ${call.pk ?? '(no key)'}`);
  return [...new Set(denied)].sort();
}
