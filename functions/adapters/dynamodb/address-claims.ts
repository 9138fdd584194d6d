/** Address claims on the tenant table: one item per address, written for all addresses of a session at once. */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AddressClaims } from '../../ports/index.js';
import type { Threepid } from '../../model/medium.js';
import { transact } from './conditional-writes.js';
import { addressClaimKey, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';
import { TableAccess } from './table-access.js';

export class DynamoAddressClaims extends TableAccess implements AddressClaims {
  async claim(sessionId: string, threepids: Threepid[], until: number, now: number): Promise<'claimed' | 'taken'> {
    if (threepids.length === 0) return 'claimed';
    // Free, expired, or already this session's (a retry after a failed creation).
    const puts = threepids.map((t) => ({
      Put: {
        TableName: this.table,
        Item: marshall({ ...addressClaimKey(t.medium, t.address), owner: sessionId, expiresAt: until, [TTL_ATTRIBUTE]: ttlSeconds(until) }),
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now OR #owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: marshall({ ':now': now, ':owner': sessionId }),
      },
    }));
    return (await transact(this.db, puts)) === true ? 'claimed' : 'taken';
  }
}
