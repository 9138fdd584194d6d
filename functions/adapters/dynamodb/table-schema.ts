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
