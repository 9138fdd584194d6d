/**
 * The approval queue's intake on the tenant table: a finished sign-up an operator must decide becomes a pending
 * request, in one transaction with its session, its name and its addresses. What the register function needs of
 * the queue; the decisions, the listing and the sweep are in approval-store.ts.
 */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ApprovalIntake, EnqueueOutcome } from '../../ports/approvals.js';
import type { PendingRequest } from '../../model/pending-request.js';
import type { RegistrationSession } from '../../model/session.js';
import { transact } from './conditional-writes.js';
import { addressClaimKey, approvalKey, sessionKey, TTL_ATTRIBUTE, ttlSeconds, usernameKey } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

/** Decided requests are kept this long past their deadline, so a late second decision is told what happened. */
const KEEP_AFTER_DEADLINE_MS = 30 * 24 * 3600 * 1000;
const HOLD_FREE = 'attribute_not_exists(pk) OR expiresAt <= :now OR sessionId = :sid';

export class DynamoApprovalIntake extends TableAccess implements ApprovalIntake {
  async enqueue(session: RegistrationSession, leaseOwner: string, request: PendingRequest, now: number): Promise<EnqueueOutcome> {
    const until = request.deadline;
    const items: TransactWriteItem[] = [
      { Update: this.sessionToPending(session, leaseOwner, request) },
      { Put: { TableName: this.table, Item: this.requestItem(request), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: this.table,
          Item: marshall({
            ...usernameKey(request.localpart),
            sessionId: session.id,
            expiresAt: until,
            [TTL_ATTRIBUTE]: ttlSeconds(until),
          }),
          ConditionExpression: HOLD_FREE,
          ExpressionAttributeValues: marshall({ ':now': now, ':sid': session.id }),
        },
      },
      ...request.threepids.map((t) => ({
        Put: {
          TableName: this.table,
          Item: marshall({
            ...addressClaimKey(t.medium, t.address),
            owner: session.id,
            expiresAt: until,
            [TTL_ATTRIBUTE]: ttlSeconds(until),
          }),
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now OR #owner = :sid',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: marshall({ ':now': now, ':sid': session.id }),
        },
      })),
    ];
    const outcome = await transact(this.db, items);
    if (outcome === true) return 'queued';
    return outcome <= 1 ? 'lease-lost' : outcome === 2 ? 'name-taken' : 'address-taken';
  }

  /** The session claimed under `leaseOwner` waits now: it lives (with the sealed password) until the deadline. */
  private sessionToPending(session: RegistrationSession, leaseOwner: string, request: PendingRequest) {
    const enrichment = session.enrichment ? ', enrichment = :enrichment' : '';
    return {
      TableName: this.table,
      Key: marshall(sessionKey(session.id)),
      UpdateExpression: `SET #status = :pending, requestId = :request, expiresAt = :until, #ttl = :ttl${enrichment} REMOVE lease`,
      ConditionExpression: '#status = :creating AND lease.#owner = :owner',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE, '#owner': 'owner' },
      ExpressionAttributeValues: marshall(
        {
          ':pending': 'pending',
          ':creating': 'creating',
          ':owner': leaseOwner,
          ':request': request.id,
          ':until': request.deadline,
          ':ttl': ttlSeconds(request.deadline),
          ':enrichment': session.enrichment,
        },
        { removeUndefinedValues: true },
      ),
    };
  }

  private requestItem(request: PendingRequest): Item {
    return marshall(
      { ...approvalKey(request.id), ...request, [TTL_ATTRIBUTE]: ttlSeconds(request.deadline + KEEP_AFTER_DEADLINE_MS) },
      { removeUndefinedValues: true },
    );
  }
}
