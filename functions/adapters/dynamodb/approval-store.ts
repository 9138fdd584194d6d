/**
 * The approval queue on the tenant table: one item per request in one partition, its sort key starting
 * with the deadline. Each change of state is one transaction with the session that holds the sealed
 * password, conditional on the state it changes from, so every decision is made exactly once. Requests come
 * in through the intake (approval-intake.ts); this adds what operators and the sweep do with them.
 */
import { DeleteItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ApprovalStore } from '../../ports/approvals.js';
import type { PendingRequest } from '../../model/pending-request.js';
import { DynamoApprovalIntake } from './approval-intake.js';
import { applied, transact } from './conditional-writes.js';
import { addressClaimKey, APPROVAL_PARTITION, approvalKey, sessionKey, usernameKey } from './table-schema.js';
import type { Item } from './table-access.js';

/** Pages of 1 MB one sweep reads at most, so that a sweep stays short whatever the partition holds. */
const MAX_SWEEP_PAGES = 10;

/** The sort key's prefix for a deadline: fixed width, so keys sort by time. */
export const deadlinePrefix = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(15, '0');

export class DynamoApprovalStore extends DynamoApprovalIntake implements ApprovalStore {
  async get(id: string): Promise<PendingRequest | undefined> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: marshall({ ':pk': APPROVAL_PARTITION, ':sk': id }),
        ConsistentRead: true,
      }),
    );
    return out.Items?.[0] ? itemToRequest(out.Items[0]) : undefined;
  }

  async listPending(now: number, limit: number, after?: string): Promise<{ requests: PendingRequest[]; next?: string }> {
    const from = after && after > deadlinePrefix(now) ? after : deadlinePrefix(now);
    const requests: PendingRequest[] = [];
    let start: Item | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk > :from',
          FilterExpression: '#state = :pending AND deadline > :now',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: marshall({ ':pk': APPROVAL_PARTITION, ':from': from, ':pending': 'pending', ':now': now }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
          Limit: limit,
        }),
      );
      for (const item of out.Items ?? []) if (requests.length < limit) requests.push(itemToRequest(item));
      start = out.LastEvaluatedKey;
    } while (start && requests.length < limit);
    const last = requests.at(-1);
    return { requests, ...(last && (start || requests.length === limit) ? { next: last.id } : {}) };
  }

  async pastDeadline(now: number, limit: number): Promise<PendingRequest[]> {
    // Decided requests stay in this range (until their TTL) beside the pending ones: page past them.
    const due: PendingRequest[] = [];
    let start: Item | undefined;
    for (let page = 0; page < MAX_SWEEP_PAGES && due.length < limit; page++) {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk < :now',
          FilterExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: marshall({ ':pk': APPROVAL_PARTITION, ':now': deadlinePrefix(now), ':pending': 'pending' }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      due.push(...(out.Items ?? []).map(itemToRequest));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return due.slice(0, limit);
  }

  async approve(request: PendingRequest, decidedBy: string, now: number): Promise<boolean> {
    const decided = this.decide(request.id, { state: 'approved', decidedAt: now, decidedBy }, 'deadline > :now', now);
    const session = {
      TableName: this.table,
      Key: marshall(sessionKey(request.sessionId)),
      UpdateExpression: 'SET #status = :approved, admitted = :true',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':approved': 'approved', ':pending': 'pending', ':true': true }),
    };
    return (await transact(this.db, [{ Update: decided }, { Update: session }])) === true;
  }

  async close(
    request: PendingRequest,
    outcome: { state: 'denied' | 'expired'; decidedBy?: string; reason?: string; shareReason?: boolean },
    now: number,
  ): Promise<boolean> {
    const when = outcome.state === 'denied' ? 'deadline > :now' : 'deadline <= :now';
    const decided = this.decide(request.id, { ...outcome, decidedAt: now }, when, now);
    // The session goes with its sealed password: nothing of the password is left once the request is closed.
    const session = {
      TableName: this.table,
      Key: marshall(sessionKey(request.sessionId)),
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: marshall({ ':pending': 'pending' }),
    };
    return (await transact(this.db, [{ Update: decided }, { Delete: session }])) === true;
  }

  async release(request: PendingRequest): Promise<void> {
    const keys = [usernameKey(request.localpart), ...request.threepids.map((t) => addressClaimKey(t.medium, t.address))];
    await Promise.all(
      keys.map((key, i) =>
        applied(
          this.db,
          new DeleteItemCommand({
            TableName: this.table,
            Key: marshall(key),
            // Only while this request's session still holds it: someone may have taken it since.
            ConditionExpression: `${i === 0 ? 'sessionId' : '#owner'} = :sid`,
            ...(i === 0 ? {} : { ExpressionAttributeNames: { '#owner': 'owner' } }),
            ExpressionAttributeValues: marshall({ ':sid': request.sessionId }),
          }),
        ),
      ),
    );
  }

  async recordAccount(id: string, userId: string): Promise<void> {
    await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(approvalKey(id)),
        UpdateExpression: 'SET userId = :userId',
        ExpressionAttributeValues: marshall({ ':userId': userId }),
      }),
    );
  }

  claimNotice(id: string): Promise<boolean> {
    return applied(
      this.db,
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(approvalKey(id)),
        UpdateExpression: 'SET noticeClaimed = :true',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(noticeClaimed)',
        ExpressionAttributeValues: marshall({ ':true': true }),
      }),
    );
  }

  async releaseNotice(id: string): Promise<void> {
    await this.db.send(
      new UpdateItemCommand({ TableName: this.table, Key: marshall(approvalKey(id)), UpdateExpression: 'REMOVE noticeClaimed' }),
    );
  }

  private decide(id: string, fields: Record<string, unknown>, when: string, now: number) {
    const set = Object.keys(fields).filter((k) => fields[k] !== undefined);
    return {
      TableName: this.table,
      Key: marshall(approvalKey(id)),
      UpdateExpression: `SET ${set.map((k) => `#${k} = :${k}`).join(', ')}`,
      ConditionExpression: `#state = :from AND ${when}`,
      ExpressionAttributeNames: { ...Object.fromEntries(set.map((k) => [`#${k}`, k])), '#state': 'state' },
      ExpressionAttributeValues: marshall({ ...Object.fromEntries(set.map((k) => [`:${k}`, fields[k]])), ':from': 'pending', ':now': now }),
    };
  }
}

function itemToRequest(item: Item): PendingRequest {
  const { pk: _pk, sk, ttl: _ttl, noticeClaimed: _n, ...rest } = unmarshall(item);
  return { ...(rest as PendingRequest), id: String(sk) };
}
