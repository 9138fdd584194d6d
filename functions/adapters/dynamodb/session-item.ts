/** How a registration session is laid out as a DynamoDB item, and back. */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RegistrationSession } from '../../model/session.js';
import { sessionKey, ttlSeconds, TTL_ATTRIBUTE } from './table-schema.js';
import type { Item } from './table-access.js';

export function sessionToItem(session: RegistrationSession): Item {
  const { id, creation, ...rest } = session;
  return marshall(
    {
      ...sessionKey(id),
      ...rest,
      ...(creation ? { lease: { owner: creation.owner, until: creation.leaseUntil }, attempts: creation.attempts } : {}),
      [TTL_ATTRIBUTE]: ttlSeconds(session.expiresAt),
    },
    { removeUndefinedValues: true },
  );
}

export function itemToSession(item: Item): RegistrationSession {
  const raw = unmarshall(item) as Record<string, any>;
  const session: RegistrationSession = {
    id: String(raw.pk).slice('session#'.length),
    createdAt: raw.createdAt,
    expiresAt: raw.expiresAt,
    status: raw.status,
    stages: raw.stages ?? {},
    device: raw.device ?? { inhibitLogin: false, refreshToken: false },
    username: raw.username,
    sealedPassword: raw.sealedPassword,
    userId: raw.userId,
    sealedResult: raw.sealedResult,
    admitted: raw.admitted,
    enrichment: raw.enrichment,
    requestId: raw.requestId,
    displayName: raw.displayName,
  };
  if (raw.attempts !== undefined) {
    session.creation = { owner: raw.lease?.owner ?? '', leaseUntil: raw.lease?.until ?? 0, attempts: raw.attempts };
  }
  return session;
}
