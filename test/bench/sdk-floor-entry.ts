/**
 * The cold-start floor of any front-door Lambda: the hello-world plus the bundled DynamoDB client making
 * one consistent GetItem on the tenant table. Nothing of the front door's own code is in it.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const db = new DynamoDBClient({});
const TableName = process.env.TABLE_NAME ?? 'front-door';
const app = new Hono();
app.all('*', async (c) => {
  const out = await db.send(
    new GetItemCommand({ TableName, Key: { pk: { S: 'session#none' }, sk: { S: 'session' } }, ConsistentRead: true }),
  );
  return c.json({ found: Boolean(out.Item) });
});

export const handler = handle(app);
