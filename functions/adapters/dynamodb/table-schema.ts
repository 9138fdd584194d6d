/** The tenant table's shape: generic keys, one TTL attribute. Shared by local start-up, tests and infra/. */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

/** DynamoDB deletes items some time after this epoch-seconds attribute passes; reads check expiry themselves. */
export const TTL_ATTRIBUTE = 'ttl';

export const sessionKey = (id: string) => ({ pk: `session#${id}`, sk: 'session' });
export const validationKey = (sid: string) => ({ pk: `threepid#${sid}`, sk: 'validation' });
/** A rate counter: one item per key, its windows inside (adapters/dynamodb/rate-limiter.ts). */
export const rateKey = (key: string) => ({ pk: `rate#${key}`, sk: 'counts' });
export const usernameKey = (localpart: string) => ({ pk: `username#${localpart}`, sk: 'reservation' });
export const addressClaimKey = (medium: string, address: string) => ({ pk: `address#${medium}#${address}`, sk: 'claim' });

export const ttlSeconds = (expiresAtMs: number) => Math.ceil(expiresAtMs / 1000);

/** Registration tokens share one partition, so the operator API lists them with one query. */
export const REGISTRATION_TOKEN_PARTITION = 'regtoken';
export const registrationTokenKey = (id: string) => ({ pk: REGISTRATION_TOKEN_PARTITION, sk: id });
export const tokenReservationKey = (sessionId: string) => ({ pk: `regtoken-session#${sessionId}`, sk: 'reservation' });
export const gatePassKey = (key: string) => ({ pk: `gate#${key}`, sk: 'pass' });
export const accountRecordKey = (userId: string) => ({ pk: `account#${userId}`, sk: 'record' });
/** A password reset's UIA session, and the mark a validation (sid) leaves once it has paid for a reset. */
export const resetSessionKey = (id: string) => ({ pk: `reset#${id}`, sk: 'session' });
export const resetUseKey = (sid: string) => ({ pk: `reset-use#${sid}`, sk: 'use' });
/** An `/account/3pid/add` UIA session, and the lock that keeps one change of a user's address list at a time. */
export const addSessionKey = (id: string) => ({ pk: `add3pid#${id}`, sk: 'session' });
export const addressListLockKey = (userId: string) => ({ pk: `add3pid-lock#${userId}`, sk: 'lock' });
/** Pending sign-up requests share one partition, sorted by deadline: listing and finding the expired are ranges. */
export const APPROVAL_PARTITION = 'approval';
export const approvalKey = (id: string) => ({ pk: APPROVAL_PARTITION, sk: id });
/** The outbox's pending tasks share one partition (the sweep pages through it); each task's key marker has its own. */
export const OUTBOX_PARTITION = 'outbox';
export const outboxTaskKey = (key: string) => ({ pk: OUTBOX_PARTITION, sk: key });
export const outboxMarkerKey = (key: string) => ({ pk: `outbox-key#${key}`, sk: 'key' });
/** Terms acceptance records and the operator audit log: one partition each, sorted by time. */
export const TERMS_PARTITION = 'terms-record';
export const AUDIT_PARTITION = 'audit';
/** The sign-up counters: one item per UTC hour in one partition (adapters/dynamodb/signup-counters.ts). */
export const COUNTERS_PARTITION = 'counters';
/** The funnel counter's mark of each step it counted: one partition per session (adapters/dynamodb/funnel-counts.ts). */
export const FUNNEL_MARK_PREFIX = 'funnel#';
export const funnelMarkKey = (sessionId: string, step: string) => ({ pk: `${FUNNEL_MARK_PREFIX}${sessionId}`, sk: step });
/** The live switches: one item (adapters/dynamodb/switch-store.ts). */
export const SWITCHES_PARTITION = 'switches';
