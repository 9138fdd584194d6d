/**
 * The sign-up counters on the tenant table: one item per UTC hour in one partition, each count an attribute
 * that `ADD` raises, so concurrent functions never lose a count and one request costs one write.
 */
import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  TransactionConflictException,
  type Update,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { pauseAfterConflict } from './conditional-writes.js';
import { addCounts, emptyCounts, hourOf, type HourCounts, type SignupCounts } from '../../model/signup-counts.js';
import type { SignupCounters } from '../../ports/signup-counters.js';
import { timeKey } from './partition-pages.js';
import { COUNTERS_PARTITION, TTL_ATTRIBUTE, ttlSeconds } from './table-schema.js';

/** Long enough for a year-on-year look; an hour's item is a few hundred bytes. */
const KEEP_MS = 400 * 24 * 3_600_000;
/**
 * Attribute names: `n:<count>`, `n:passed␟<stage>`, `n:failed␟<stage>␟<reason>`, split by the unit separator
 * (U+001F), which no stage type or errcode holds, though both may hold `:` or `.`.
 */
const PREFIX = 'n:';
/** Tries of one counter write that met a transaction on its item. */
const CONFLICT_TRIES = 3;
const SEP = '\u001f';

type Flat = Record<string, number>;

function flatten(counts: Partial<SignupCounts>): Flat {
  const flat: Flat = {};
  for (const [name, value] of Object.entries(counts)) if (typeof value === 'number' && value !== 0) flat[`${PREFIX}${name}`] = value;
  for (const [stage, n] of Object.entries(counts.passed ?? {})) if (n) flat[`${PREFIX}passed${SEP}${stage}`] = n;
  for (const [stage, reasons] of Object.entries(counts.failed ?? {}))
    for (const [reason, n] of Object.entries(reasons)) if (n) flat[`${PREFIX}failed${SEP}${stage}${SEP}${reason}`] = n;
  return flat;
}

function unflatten(item: Record<string, unknown>): HourCounts {
  const counts = emptyCounts();
  for (const [name, value] of Object.entries(item)) {
    if (!name.startsWith(PREFIX) || typeof value !== 'number') continue;
    const [kind, stage, reason] = name.slice(PREFIX.length).split(SEP);
    if (kind === 'passed' && stage !== undefined) addCounts(counts, { passed: { [stage]: value } });
    else if (kind === 'failed' && stage !== undefined && reason !== undefined)
      addCounts(counts, { failed: { [stage]: { [reason]: value } } });
    else if (kind !== undefined && kind in counts && typeof counts[kind as keyof SignupCounts] === 'number')
      addCounts(counts, { [kind]: value });
  }
  return { hourStart: Number(item.sk), ...counts };
}

/** The write that adds counts to the item of the hour `at` falls in; undefined when there is nothing to add. */
export function hourCounterUpdate(table: string, counts: Partial<SignupCounts>, at: number): Update | undefined {
  const flat = Object.entries(flatten(counts));
  if (flat.length === 0) return undefined;
  const hour = hourOf(at);
  const names: Record<string, string> = { '#ttl': TTL_ATTRIBUTE };
  const values: Record<string, number> = { ':ttl': ttlSeconds(hour + KEEP_MS) };
  flat.forEach(([name, n], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = n;
  });
  return {
    TableName: table,
    Key: marshall({ pk: COUNTERS_PARTITION, sk: timeKey(hour) }),
    UpdateExpression: `ADD ${flat.map((_, i) => `#c${i} :c${i}`).join(', ')} SET #ttl = :ttl`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
  };
}

export class DynamoSignupCounters implements SignupCounters {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async add(counts: Partial<SignupCounts>, at: number): Promise<void> {
    const update = hourCounterUpdate(this.table, counts, at);
    if (!update) return;
    // The funnel counter's transactions write the same hour item; a plain write meeting one is refused (the
    // SDK does not retry that), so it is tried again a little later.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new UpdateItemCommand(update));
        return;
      } catch (error) {
        if (!(error instanceof TransactionConflictException) || attempt >= CONFLICT_TRIES) throw error;
        await pauseAfterConflict(attempt);
      }
    }
  }

  async read(range: { from: number; until: number }): Promise<HourCounts[]> {
    const hours: HourCounts[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({
            ':pk': COUNTERS_PARTITION,
            ':from': timeKey(hourOf(range.from)),
            ':to': timeKey(Math.max(hourOf(range.from), range.until - 1)),
          }),
          ExclusiveStartKey: start,
        }),
      );
      hours.push(...(out.Items ?? []).map((item) => unflatten(unmarshall(item))));
      start = out.LastEvaluatedKey;
    } while (start);
    return hours;
  }
}
