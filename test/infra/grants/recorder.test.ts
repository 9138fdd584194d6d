/**
 * The recorder and the IAM check the recorded-grants test rests on: each kind of request is recorded with the
 * action IAM authorises it by and the partition key of every item, and a call outside a part's grant (a
 * registration token made by the register part, a Scan) is reported, so that test can fail.
 */
import {
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoRegistrationTokenStore } from '../../../functions/adapters/dynamodb/registration-token-store.js';
import { parseTenantConfig } from '../../../functions/config/tenant-config.js';
import { dynamoClient } from '../../../functions/entries/cold-start.js';
import { KEY, tableAccess } from '../../../infra/table-access.js';
import { deniedCalls, isAllowed, stringLike } from './iam-check.js';
import { authorisations, recordTableCalls } from './table-recorder.js';

const config = parseTenantConfig({
  serverName: 'example.org',
  tableName: 'recorded',
  homeserver: { url: 'https://matrix.example.org', mode: 'admin_api' },
  registration: { flows: [['m.login.dummy']] },
});
const S = (value: string) => ({ S: value });

describe('the table recorder', () => {
  it('records each item of a transaction with the action IAM checks it by', () => {
    const recorded = authorisations('TransactWriteItemsCommand', {
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: S('session#1'), sk: S('session') } } },
        { Update: { TableName: 't', Key: { pk: S('username#alice'), sk: S('reservation') } } },
        { Delete: { TableName: 't', Key: { pk: S('gate#x'), sk: S('pass') } } },
        { ConditionCheck: { TableName: 't', Key: { pk: S('regtoken'), sk: S('tok') } } },
      ],
    });
    expect(recorded.map((c) => `${c.action} ${c.pk}`)).toEqual([
      'dynamodb:PutItem session#1',
      'dynamodb:UpdateItem username#alice',
      'dynamodb:DeleteItem gate#x',
      'dynamodb:ConditionCheckItem regtoken',
    ]);
  });

  it('reads the queried partition from the key condition, through an attribute name too', () => {
    const [plain] = authorisations('QueryCommand', {
      KeyConditionExpression: 'pk = :pk AND sk > :from',
      ExpressionAttributeValues: { ':pk': S('outbox'), ':from': S('0') },
    });
    const [named] = authorisations('QueryCommand', {
      KeyConditionExpression: '#sk > :s AND #p = :v',
      ExpressionAttributeNames: { '#p': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':v': S('audit'), ':s': S('0') },
    });
    expect([plain?.pk, named?.pk]).toEqual(['outbox', 'audit']);
  });

  it('records a Scan and the batch calls with their own actions, a Scan with no key', () => {
    expect(authorisations('ScanCommand', { TableName: 't' })).toEqual([{ command: 'ScanCommand', action: 'dynamodb:Scan', table: 't' }]);
    const batch = authorisations('BatchWriteItemCommand', { RequestItems: { t: [{ DeleteRequest: { Key: { pk: S('session#1') } } }] } });
    expect(batch.map((c) => c.action)).toEqual(['dynamodb:BatchWriteItem']);
    const read = authorisations('TransactGetItemsCommand', { TransactItems: [{ Get: { TableName: 't', Key: { pk: S('session#1') } } }] });
    expect(read.map((c) => `${c.action} ${c.pk}`)).toEqual(['dynamodb:GetItem session#1']);
  });

  it('sees what a real client sends to DynamoDB Local, before it is sent', async () => {
    const dynamo = dynamoClient();
    const table = `recorder-${randomBytes(4).toString('hex')}`;
    await dynamo.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const calls = recordTableCalls(dynamo);
    const key = { pk: S('session#abc'), sk: S('session') };
    await dynamo.send(new PutItemCommand({ TableName: table, Item: key }));
    await dynamo.send(new GetItemCommand({ TableName: table, Key: key }));
    await dynamo.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': S('session#abc') } }),
    );
    await dynamo.send(new TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: table, Key: key } }] }));
    await dynamo.send(new ScanCommand({ TableName: table }));
    expect(calls.map((c) => `${c.action} ${c.pk ?? '-'}`)).toEqual([
      'dynamodb:PutItem session#abc',
      'dynamodb:GetItem session#abc',
      'dynamodb:Query session#abc',
      'dynamodb:DeleteItem session#abc',
      'dynamodb:Scan -',
    ]);
  });
});

describe('the IAM check of a recorded call', () => {
  it('matches LeadingKeys as StringLike: a wildcard prefix, and an exact name that swallows no other partition', () => {
    expect(stringLike('session#*', 'session#abc')).toBe(true);
    expect(stringLike(KEY.token, 'regtoken-session#abc')).toBe(false);
    expect(stringLike('regtoken*', 'regtoken-session#abc')).toBe(true);
    expect(stringLike('a.c', 'abc')).toBe(false);
  });

  it('reports the register part creating a registration token through the real store', async () => {
    const dynamo = dynamoClient();
    const calls = recordTableCalls(dynamo);
    // The table does not exist: the call fails, but the recorder saw it first, as IAM would have.
    await new DynamoRegistrationTokenStore(dynamo, 'no-such-table-here').put({ id: 'forged' } as never).catch(() => undefined);
    expect(calls.length).toBeGreaterThan(0);
    expect(deniedCalls(calls, tableAccess('register', config), 'no-such-table-here')).toContain('dynamodb:PutItem regtoken');
    expect(deniedCalls(calls, tableAccess('admin', config), 'no-such-table-here')).toEqual([]);
  });

  it('denies a Scan to every part, and any call on another table', () => {
    const scan = { command: 'ScanCommand', action: 'dynamodb:Scan', table: 'sessions' };
    for (const part of ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'admin', 'lookup', 'sweep'] as const)
      expect(isAllowed(scan, tableAccess(part, config), 'sessions'), part).toBe(false);
    const elsewhere = { command: 'GetItemCommand', action: 'dynamodb:GetItem', table: 'other', pk: 'session#1' };
    expect(isAllowed(elsewhere, tableAccess('register', config), 'sessions')).toBe(false);
    expect(isAllowed({ ...elsewhere, table: 'sessions' }, tableAccess('register', config), 'sessions')).toBe(true);
  });

  it('allows the counters and switches only as each part uses them', () => {
    const call = (action: string, pk: string) => ({ command: 'x', action: `dynamodb:${action}`, pk });
    const allows = (part: Parameters<typeof tableAccess>[0], action: string, pk: string) =>
      isAllowed(call(action, pk), tableAccess(part, config), 'recorded');
    expect(allows('register', 'UpdateItem', 'counters')).toBe(true);
    expect(allows('register', 'Query', 'counters')).toBe(false);
    expect(allows('admin', 'Query', 'counters')).toBe(true);
    expect(allows('register', 'GetItem', 'switches')).toBe(true);
    expect(allows('register', 'UpdateItem', 'switches')).toBe(false);
    expect(allows('admin', 'UpdateItem', 'switches')).toBe(true);
    expect(allows('admin', 'UpdateItem', 'rate#console_sign_in:ip:x')).toBe(true);
    expect(allows('admin', 'UpdateItem', 'rate#register:ip:x')).toBe(false);
  });
});
