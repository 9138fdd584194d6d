/**
 * Records what a DynamoDB client asks of the table, as IAM sees it: for each request, the action(s) it is
 * authorised by and the partition key (`dynamodb:LeadingKeys`) of every item it touches. A middleware at the
 * client's 'initialize' step, so it sees the command's own input before anything is sent.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One authorisation IAM makes: an action on a table, for one partition key (none for a Scan or a table call). */
export interface RecordedCall {
  /** The SDK command that made it (`TransactWriteItemsCommand` for each of its items). */
  command: string;
  action: string;
  table?: string;
  pk?: string;
}

type Item = Record<string, AttributeValue>;
type Input = Record<string, any>;

const PARTITION = 'pk';
const pkOf = (key: Item | undefined) => key?.[PARTITION]?.S;

/** The partition key a Query names: `pk = :x` (or `#n = :x` with `#n` standing for pk) in its key condition. */
export function queriedPartition(input: Input): string | undefined {
  const condition: string = input.KeyConditionExpression ?? '';
  const names: Record<string, string> = input.ExpressionAttributeNames ?? {};
  for (const [, name, value] of condition.matchAll(/([#\w]+)\s*=\s*(:\w+)/g)) {
    if ((names[name!] ?? name) === PARTITION) return input.ExpressionAttributeValues?.[value!]?.S;
  }
  return undefined;
}

/** A TransactWriteItems item: IAM authorises each with the single-item action of its kind. */
const TRANSACT_ACTIONS = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** What IAM authorises for one command: one entry per item, with the action that item is checked against. */
export function authorisations(commandName: string, input: Input): RecordedCall[] {
  const command = commandName;
  const name = commandName.replace(/Command$/, '');
  const one = (action: string, table: string | undefined, pk: string | undefined): RecordedCall => ({
    command,
    action,
    ...(table ? { table } : {}),
    ...(pk !== undefined ? { pk } : {}),
  });
  switch (name) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [one(`dynamodb:${name}`, input.TableName, pkOf(input.Key))];
    case 'PutItem':
      return [one('dynamodb:PutItem', input.TableName, pkOf(input.Item))];
    case 'Query':
      return [one('dynamodb:Query', input.TableName, queriedPartition(input))];
    case 'TransactWriteItems':
      return (input.TransactItems ?? []).flatMap((entry: Record<string, Input>) =>
        Object.entries(TRANSACT_ACTIONS)
          .filter(([kind]) => entry[kind])
          .map(([kind, action]) => one(action, entry[kind]!.TableName, pkOf(entry[kind]!.Key ?? entry[kind]!.Item))),
      );
    case 'TransactGetItems':
      // IAM checks each item of a transactional read as a GetItem.
      return (input.TransactItems ?? []).map((entry: Input) => one('dynamodb:GetItem', entry.Get?.TableName, pkOf(entry.Get?.Key)));
    case 'BatchGetItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, Input>).flatMap(([table, request]) =>
        (request.Keys ?? []).map((key: Item) => one('dynamodb:BatchGetItem', table, pkOf(key))),
      );
    case 'BatchWriteItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, Input[]>).flatMap(([table, requests]) =>
        requests.map((request) => one('dynamodb:BatchWriteItem', table, pkOf(request.PutRequest?.Item ?? request.DeleteRequest?.Key))),
      );
    default:
      // A Scan names no key (so a LeadingKeys condition cannot hold it back); neither does any table-level call.
      return [one(`dynamodb:${name}`, input.TableName, undefined)];
  }
}

/** Starts recording what `client` asks; the returned list grows with every command sent after. */
export function recordTableCalls(client: DynamoDBClient): RecordedCall[] {
  const calls: RecordedCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(...authorisations(String(context.commandName), args.input as Input));
      return next(args);
    },
    { step: 'initialize', name: 'recordTableCalls' },
  );
  return calls;
}
