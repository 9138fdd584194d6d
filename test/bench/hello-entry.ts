/** The yardstick for cold starts: a bare Hono app on hono/aws-lambda that answers every request at once. */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const app = new Hono();
app.all('*', (c) => c.json({ hello: 'world' }));

export const handler = handle(app);
