/**
 * Sign-ups abandoned at the table's TTL: which DynamoDB Streams records are a registration session that
 * DynamoDB deleted unfinished, and the count of each one, once, in the hour it expired.
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { hourCounterUpdate } from './signup-counters.js';
import { COUNTERS_PARTITION } from './table-schema.js';
import { TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

/** Who deletes an item whose TTL passed: DynamoDB Streams names this service principal on the record. */
export const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';
export const SESSION_PARTITION_PREFIX = 'session#';
export const SESSION_SORT_KEY = 'session';
/**
 * The session states a person left unfinished. `pending` and `approved` sessions wait for an operator: the
 * approval queue closes them (the sweep counts those), so they are not counted here as well.
 */
export const UNFINISHED_STATES = ['open', 'creating'] as const;

/** A DynamoDB Streams record as Lambda delivers it (only what is read here; images need NEW_AND_OLD_IMAGES). */
export interface StreamRecord {
  eventID?: string;
  eventName?: string;
  userIdentity?: { type?: string; principalId?: string };
  dynamodb?: {
    /** Epoch seconds (Lambda's shape; the Streams API gives a Date, which the local reader converts). */
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
}

export interface AbandonedSession {
  id: string;
  /** Epoch ms: when the session expired (its hour is the one it is counted in). */
  expiredAt: number;
}

/** The session a record removed by TTL while unfinished; undefined for any other record. */
export function abandonedSessionOf(record: StreamRecord): AbandonedSession | undefined {
  if (record.eventName !== 'REMOVE') return undefined;
  if (record.userIdentity?.type !== 'Service' || record.userIdentity.principalId !== TTL_PRINCIPAL) return undefined;
  const image = record.dynamodb?.OldImage;
  if (!image) return undefined;
  const old = unmarshall(image) as Record<string, unknown>;
  const { pk, sk, status } = old;
  if (typeof pk !== 'string' || !pk.startsWith(SESSION_PARTITION_PREFIX) || sk !== SESSION_SORT_KEY) return undefined;
  if (!(UNFINISHED_STATES as readonly unknown[]).includes(status)) return undefined;
  const expiresAt = typeof old.expiresAt === 'number' ? old.expiresAt : Number(old[TTL_ATTRIBUTE]) * 1000;
  return { id: pk.slice(SESSION_PARTITION_PREFIX.length), expiredAt: Number.isFinite(expiresAt) ? expiresAt : 0 };
}

/** The mark of a counted session lives beyond the stream's 24 h retention, so a redelivered record finds it. */
const MARK_KEEP_MS = 3 * 24 * 3_600_000;

/**
 * Counts a session as abandoned in its expiry hour, exactly once: the counter and a mark of the session in
 * one transaction, both UpdateItem on the counters partition. false when the mark says it was counted already.
 */
export async function countAbandoned(db: DynamoDBClient, table: string, session: AbandonedSession, now: number): Promise<boolean> {
  const counter = hourCounterUpdate(table, { abandoned: 1 }, session.expiredAt || now)!;
  const mark = {
    TableName: table,
    Key: marshall({ pk: COUNTERS_PARTITION, sk: `abandoned#${session.id}` }),
    UpdateExpression: 'SET #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(pk)',
    ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
    ExpressionAttributeValues: marshall({ ':ttl': ttlSeconds(now + MARK_KEEP_MS) }),
  };
  try {
    await db.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: mark }, { Update: counter }] }));
    return true;
  } catch (error) {
    // Anything but the mark's condition (a conflict, a throttle) fails the record, and Lambda delivers it again.
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
