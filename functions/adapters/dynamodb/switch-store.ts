/** The live switches as one item of the tenant table (never expires); absent means every switch off. */
import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { SWITCHES_OFF, type LiveSwitches, type SwitchesState } from '../../model/live-switches.js';
import type { SwitchStore } from '../../ports/switches.js';
import { SWITCHES_PARTITION } from './table-schema.js';

const SWITCHES_KEY = { pk: SWITCHES_PARTITION, sk: 'switches' };

function toState(item: Record<string, unknown> | undefined): SwitchesState {
  const state: SwitchesState = { ...SWITCHES_OFF };
  if (!item) return state;
  for (const key of Object.keys(SWITCHES_OFF) as (keyof LiveSwitches)[]) state[key] = item[key] === true;
  if (typeof item.changedAt === 'number') state.changedAt = item.changedAt;
  if (typeof item.changedBy === 'string') state.changedBy = item.changedBy;
  return state;
}

export class DynamoSwitchStore implements SwitchStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async read(): Promise<SwitchesState> {
    const out = await this.db.send(new GetItemCommand({ TableName: this.table, Key: marshall(SWITCHES_KEY), ConsistentRead: true }));
    return toState(out.Item && unmarshall(out.Item));
  }

  async write(changes: Partial<LiveSwitches>, by: string, at: number): Promise<SwitchesState> {
    const set: Record<string, boolean | number | string> = { changedAt: at, changedBy: by };
    for (const key of Object.keys(SWITCHES_OFF) as (keyof LiveSwitches)[]) if (changes[key] !== undefined) set[key] = changes[key];
    const names = Object.keys(set);
    const out = await this.db.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: marshall(SWITCHES_KEY),
        UpdateExpression: `SET ${names.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#s${i}`, name])),
        ExpressionAttributeValues: marshall(Object.fromEntries(names.map((name, i) => [`:s${i}`, set[name]]))),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toState(out.Attributes && unmarshall(out.Attributes));
  }
}
