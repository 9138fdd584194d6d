/**
 * The live switches read during a cold start (entries/early-switches.ts, used by register, email and sms) land
 * in the cache the app reads them through: the first request reads none of its own, and obeys what was read.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegisterApi } from '../../functions/compose/build.js';
import { switchStoreFor } from '../../functions/compose/observability.js';
import { readSwitchesEarly } from '../../functions/entries/early-switches.js';
import { jsonLogger } from '../../functions/model/log.js';
import { recordTableCalls } from '../infra/grants/table-recorder.js';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({});
});
afterAll(() => h?.close());

/** A table client of its own, as a Lambda has (the switch cache is one per client), with its calls recorded. */
function lambdaClient() {
  const dynamo = new DynamoDBClient({});
  const calls = recordTableCalls(dynamo);
  const switchReads = () => calls.filter((call) => call.action === 'dynamodb:GetItem' && call.pk === 'switches').length;
  return { dynamo, switchReads };
}

const post = (app: ReturnType<typeof buildRegisterApi>) =>
  app.request(REGISTER, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });

describe('the live switches read at cold start', () => {
  it('serve the first request, which reads none of its own', async () => {
    const { dynamo, switchReads } = lambdaClient();
    readSwitchesEarly(h.config, dynamo);
    expect(switchReads()).toBe(1);
    const app = buildRegisterApi({ config: h.config, secrets: h.secrets, dynamo, log: jsonLogger(() => {}) });
    expect((await post(app)).status).toBe(401);
    expect(switchReads()).toBe(1);
  });

  it('are obeyed by that first request: registration closed before the cold start is closed for it', async () => {
    const store = switchStoreFor({ config: h.config, dynamo: h.db });
    await store.write({ registrationClosed: true }, 'ops', Date.now());
    try {
      const { dynamo, switchReads } = lambdaClient();
      readSwitchesEarly(h.config, dynamo);
      const app = buildRegisterApi({ config: h.config, secrets: h.secrets, dynamo, log: jsonLogger(() => {}) });
      const answer = await post(app);
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { errcode: string }).errcode).toBe('M_FORBIDDEN');
      expect(switchReads()).toBe(1);
    } finally {
      await store.write({ registrationClosed: false }, 'ops', Date.now());
    }
  });
});
