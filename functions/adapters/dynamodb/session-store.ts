/**
 * The session store on one DynamoDB table. Every change is a conditional write, so two calls on one
 * session cannot overwrite each other; a lost condition is a return value, not an exception.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Contended, CreationLease, SessionStore, StageGuard, Written } from '../../ports/index.js';
import type { RegistrationSession } from '../../model/session.js';
import { applied, transact } from './conditional-writes.js';
import { itemToSession, sessionToItem } from './session-item.js';
import { sessionKey, ttlSeconds, usernameKey } from './table-schema.js';
import { type Item, TableAccess } from './table-access.js';

const LIVE = '#expiresAt > :now';
const IS_OPEN = `${LIVE} AND #status = :open`;
const NAMES = { '#expiresAt': 'expiresAt', '#status': 'status' };
/**
 * A hold on a name is its session's while the short hold lasts (`expiresAt`) and, once the session has passed a
 * stage, for the rest of the session's life (`sessionExpiresAt`), with no write at the first stage: a hold whose
 * short time ran out is taken over only together with a check that its session passed nothing (takeOver). So
 * it can be taken at once when nobody holds it, we hold it already, or its session's life is over.
 */
const RESERVATION_FREE = 'attribute_not_exists(pk) OR sessionId = :sid OR sessionExpiresAt <= :now';

/** A StageGuard as a condition: stage names are attribute names (they hold dots), so each gets a placeholder. */
function guardCondition(guard: StageGuard): { condition: string; names: Record<string, string> } {
  const names: Record<string, string> = {};
  const done = (flow: string[]) =>
    flow.map((stage) => {
      const name = `#g${Object.keys(names).length}`;
      names[name] = stage;
      return `attribute_exists(stages.${name})`;
    });
  // A flow of this stage alone is finished by it: always true. No flow at all: never. DynamoDB refuses
  // parentheses that change nothing, so they go only where precedence (NOT, AND, OR) needs them.
  const finished = guard.flowsWith.map((flow) => (flow.length > 0 ? done(flow).join(' AND ') : 'attribute_exists(pk)'));
  const anyFinished = finished.length > 0 ? finished.join(' OR ') : 'attribute_not_exists(pk)';
  const compound = finished.length > 1 || (finished[0] ?? '').includes(' AND ');
  const condition = guard.finishes
    ? `${finished.length > 1 ? `(${anyFinished})` : anyFinished} AND attribute_exists(username) AND attribute_exists(sealedPassword)`
    : `NOT ${compound ? `(${anyFinished})` : anyFinished}`;
  return { condition, names };
}

/** The parts of a conditional session write that differ from one write to another. */
interface SessionUpdate {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

export class DynamoSessionStore extends TableAccess implements SessionStore {
  async create(session: RegistrationSession, now: number, holdUntil: number): Promise<'created' | 'username-taken'> {
    const put = { TableName: this.table, Item: sessionToItem(session), ConditionExpression: 'attribute_not_exists(pk)' };
    if (!session.username) {
      await this.db.send(new PutItemCommand(put));
      return 'created';
    }
    // Two single writes at once, not one transaction (whose writes cost two units each and take longer): nobody
    // knows the new session's ID until this call answers, so no client sees one write without the other. What a
    // lost name leaves is taken back before the answer; what a lost answer leaves, the client's retry resumes.
    const hold = this.reservation(session.username, session.id, holdUntil, now, session.expiresAt);
    const [held, stored] = await Promise.allSettled([applied(this.db, new PutItemCommand(hold)), this.db.send(new PutItemCommand(put))]);
    if (stored.status === 'rejected') {
      // Whatever became of the hold's write, a hold of this session's is let go (a failed release lapses with the
      // short hold: its session does not exist, see takeOver); the client's retry stores a session again.
      if (held.status === 'rejected' || held.value) await this.releaseHold(session.username, session.id).catch(() => undefined);
      throw stored.reason;
    }
    // A hold's write (or a takeover) whose answer was lost leaves the session stored: if the name was held, the
    // client's retry resumes this session through it (WhoRegisters' resume); if not, the session lapses unseen.
    if (held.status === 'rejected') throw held.reason;
    if (held.value || (await this.takeOver(session.username, now, [{ Put: hold }])) === true) return 'created';
    // The name is another session's: the session goes (the funnel takes its start back, as for discard).
    await this.forget(session.id);
    return 'username-taken';
  }

  async get(id: string, now: number): Promise<RegistrationSession | undefined> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(sessionKey(id)), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const session = itemToSession(out.Item);
    return session.expiresAt > now ? session : undefined;
  }

  async setIdentity(
    session: RegistrationSession,
    identity: { username?: string; sealedPassword?: string; device: RegistrationSession['device'] },
    now: number,
    holdUntil: number,
  ): Promise<'updated' | 'username-taken' | 'contended'> {
    const update = {
      TableName: this.table,
      Key: marshall(sessionKey(session.id)),
      UpdateExpression: 'SET username = :username, sealedPassword = :pw, device = :device',
      // Only the identity this call read may be replaced, and only before the account is being made.
      ConditionExpression: `${IS_OPEN} AND ${session.username ? 'username = :old' : 'attribute_not_exists(username)'}`,
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: marshall(
        {
          ':username': identity.username,
          ':pw': identity.sealedPassword,
          ':device': identity.device,
          ':now': now,
          ':open': 'open',
          ':old': session.username,
        },
        { removeUndefinedValues: true },
      ),
    };
    if (identity.username === session.username || !identity.username) {
      return (await applied(this.db, new UpdateItemCommand(update))) ? 'updated' : 'contended';
    }
    const items: TransactWriteItem[] = [
      { Put: this.reservation(identity.username, session.id, holdUntil, now, session.expiresAt) },
      { Update: update },
    ];
    if (session.username) items.push({ Delete: this.holdRelease(session.username, session.id) });
    const first = await transact(this.db, items);
    const outcome = first === 0 ? await this.takeOver(identity.username, now, items) : first;
    if (outcome === true) return 'updated';
    return outcome === 0 ? 'username-taken' : 'contended';
  }

  completeStage(id: string, stage: string, record: Record<string, unknown>, now: number, lease?: CreationLease, guard?: StageGuard) {
    const claim = lease ? ', #status = :creating, lease = :lease ADD attempts :one' : '';
    const guarded = guard ? guardCondition(guard) : undefined;
    return this.update(id, {
      UpdateExpression: `SET stages.#stage = :record${claim}`,
      ConditionExpression: `${IS_OPEN} AND attribute_not_exists(stages.#stage)${guarded ? ` AND ${guarded.condition}` : ''}`,
      ExpressionAttributeNames: { ...NAMES, '#stage': stage, ...guarded?.names },
      ExpressionAttributeValues: {
        ':record': record,
        ':now': now,
        ':open': 'open',
        ...(lease ? { ':creating': 'creating', ':lease': lease, ':one': 1 } : {}),
      },
    });
  }

  acquireCreation(id: string, lease: CreationLease, now: number) {
    return this.update(id, {
      UpdateExpression: 'SET #status = :creating, lease = :lease ADD attempts :one',
      ConditionExpression: `${LIVE} AND (#status IN (:open, :approved) OR (#status = :creating AND lease.#until <= :now))`,
      ExpressionAttributeNames: { ...NAMES, '#until': 'until' },
      ExpressionAttributeValues: {
        ':creating': 'creating',
        ':open': 'open',
        ':approved': 'approved',
        ':lease': lease,
        ':one': 1,
        ':now': now,
      },
    });
  }

  finishCreation(id: string, userId: string, sealedResult: string, now: number) {
    // Whoever records the account first wins; the password goes in the same write. `completedAt`: the hour the
    // funnel counter (reading the table's stream) counts the account in.
    return this.update(
      id,
      {
        UpdateExpression: 'SET #status = :done, userId = :userId, sealedResult = :result, completedAt = :now REMOVE sealedPassword, lease',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':userId': userId, ':result': sealedResult, ':now': now },
      },
      false,
    );
  }

  async releaseCreation(id: string, owner: string, backTo: 'open' | 'approved' = 'open'): Promise<void> {
    await this.update(id, {
      UpdateExpression: 'SET #status = :back REMOVE lease',
      ConditionExpression: '#status = :creating AND lease.#owner = :owner',
      ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
      ExpressionAttributeValues: { ':back': backTo, ':creating': 'creating', ':owner': owner },
    });
  }

  async extendHold(localpart: string, sessionId: string, until: number, now: number): Promise<boolean> {
    const items: TransactWriteItem[] = [{ Put: this.reservation(localpart, sessionId, until, now, until) }];
    if (await applied(this.db, new PutItemCommand(items[0]!.Put!))) return true;
    return (await this.takeOver(localpart, now, items)) === true;
  }

  async usernameHolder(localpart: string, now: number): Promise<string | undefined> {
    const hold = await this.hold(localpart);
    if (!hold || hold.expiresAt > now) return hold?.sessionId;
    // The short hold ran out: the name is still its session's if that session passed a stage.
    const holder = await this.get(hold.sessionId, now);
    return holder && Object.keys(holder.stages).length > 0 ? hold.sessionId : undefined;
  }

  private async hold(localpart: string): Promise<{ sessionId: string; expiresAt: number } | undefined> {
    const out = await this.db.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(usernameKey(localpart)), ConsistentRead: true }),
    );
    if (!out.Item?.sessionId?.S) return undefined;
    return { sessionId: out.Item.sessionId.S, expiresAt: Number(out.Item.expiresAt?.N ?? 0) };
  }

  /**
   * The writes `items` again (the hold's `Put` first), taking over a hold whose short time ran out, on condition
   * that its session passed no stage (or is gone): the check and the takeover are one transaction, so the holder's
   * first stage and a newcomer's takeover cannot both win. The index of the item that lost (0: the name), or true.
   */
  private async takeOver(localpart: string, now: number, items: TransactWriteItem[]): Promise<true | number> {
    const hold = await this.hold(localpart);
    if (!hold || hold.expiresAt > now) return 0;
    const put = items[0]!.Put!;
    const outcome = await transact(this.db, [
      {
        Put: {
          TableName: put.TableName,
          Item: put.Item,
          ConditionExpression: 'sessionId = :holder AND #expiresAt = :seen',
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: marshall({ ':holder': hold.sessionId, ':seen': hold.expiresAt }),
        },
      },
      {
        ConditionCheck: {
          TableName: this.table,
          Key: marshall(sessionKey(hold.sessionId)),
          ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt <= :now OR attribute_not_exists(stages) OR size(stages) = :zero',
          ExpressionAttributeNames: { '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: marshall({ ':now': now, ':zero': 0 }),
        },
      },
      ...items.slice(1),
    ]);
    if (outcome === true) return true;
    return outcome <= 1 ? 0 : outcome - 1;
  }

  async discard(session: RegistrationSession): Promise<void> {
    const items: TransactWriteItem[] = [{ Delete: { TableName: this.table, Key: marshall(sessionKey(session.id)) } }];
    if (session.username) items.push({ Delete: this.holdRelease(session.username, session.id) });
    await transact(this.db, items);
  }

  /** A session nobody was told of, deleted. */
  private async forget(id: string): Promise<void> {
    await this.db.send(new DeleteItemCommand({ TableName: this.table, Key: marshall(sessionKey(id)) }));
  }

  /** Deletes a session's hold on a name if it is still its own. */
  private async releaseHold(localpart: string, sessionId: string): Promise<void> {
    await applied(this.db, new DeleteItemCommand(this.holdRelease(localpart, sessionId)));
  }

  /** Deletes a session's hold on a name, and only its own. */
  private holdRelease(localpart: string, sessionId: string) {
    return {
      TableName: this.table,
      Key: marshall(usernameKey(localpart)),
      ConditionExpression: 'sessionId = :sid',
      ExpressionAttributeValues: marshall({ ':sid': sessionId }),
    };
  }

  /** `expiresAt`: when the short hold runs out (or the session's end); the item lives as long as the session. */
  private reservation(localpart: string, sessionId: string, expiresAt: number, now: number, sessionExpiresAt: number) {
    const until = Math.max(expiresAt, sessionExpiresAt);
    return {
      TableName: this.table,
      Item: marshall({ ...usernameKey(localpart), sessionId, expiresAt, sessionExpiresAt: until, ttl: ttlSeconds(until) }),
      ConditionExpression: RESERVATION_FREE,
      ExpressionAttributeValues: marshall({ ':now': now, ':sid': sessionId }),
    };
  }

  /** A conditional write of the session: the session as written (unless `readBack` is false), or as it was when it lost. */
  private async update(id: string, expr: SessionUpdate): Promise<Written | Contended>;
  private async update(id: string, expr: SessionUpdate, readBack: false): Promise<{ won: true } | Contended>;
  private async update(id: string, expr: SessionUpdate, readBack = true): Promise<Written | { won: true } | Contended> {
    try {
      const out = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(sessionKey(id)),
          ...expr,
          ExpressionAttributeValues: marshall(expr.ExpressionAttributeValues, { removeUndefinedValues: true }),
          ReturnValues: readBack ? 'ALL_NEW' : 'NONE',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return readBack ? { won: true, session: itemToSession(out.Attributes as Item) } : { won: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { won: false, current: error.Item ? itemToSession(error.Item) : undefined };
    }
  }
}
