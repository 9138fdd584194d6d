/** The tenant table's shape: generic keys, one TTL attribute. Shared by local start-up, tests and infra/. */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

/** DynamoDB deletes items some time after this epoch-seconds attribute passes; reads check expiry themselves. */
export const TTL_ATTRIBUTE = 'ttl';

export const sessionKey = (id: string) => ({ pk: `session#${id}`, sk: 'session' });
export const validationKey = (sid: string) => ({ pk: `threepid#${sid}`, sk: 'validation' });
export const rateKey = (key: string, windowStart: number) => ({ pk: `rate#${key}`, sk: String(windowStart) });
export const usernameKey = (localpart: string) => ({ pk: `username#${localpart}`, sk: 'reservation' });

export const ttlSeconds = (expiresAtMs: number) => Math.ceil(expiresAtMs / 1000);
