/**
 * The per-function DynamoDB grants (infra/table-access.ts) against what each part really asks of the table.
 * DynamoDB Local ignores IAM, so each part is built as its Lambda entry builds it, on a table client of its
 * own with a recorder, every route is driven through representative flows (a tenant with approval, a
 * decision hook, recovery, the send gate, records, events and onboarding on), and every recorded call is
 * evaluated as IAM would evaluate the statements the stack writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type EventReceiver, startEventReceiver } from '../../../local/event-receiver/index.js';
import { type DecisionHookReceiver, startDecisionHookReceiver } from '../../../local/decision-hook-receiver.js';
import { tableAccess, type TableUser } from '../../../infra/table-access.js';
import { LOOSE_RATE_LIMITS, REGISTER, startHarness, TERMS, THREEPID, type Harness } from '../../support/harness.js';
import { TestClock } from '../../support/test-clock.js';
import { WEBHOOK_SECRET } from '../../records/support.js';
import { deniedCalls } from './iam-check.js';
import { buildRecordedParts, type RecordedParts } from './recorded-parts.js';
import * as flow from './flows.js';

const OPERATOR_KEY = 'grants-test-operator-key-8e1f';
const HOOK_SECRET = `whsec_${Buffer.from('the decision hook secret, 32 b..').toString('base64')}`;
const PARTS: TableUser[] = ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'admin', 'lookup', 'sweep', 'funnel'];
const DEADLINE_S = 3600;

describe('the table grants against the calls each part really makes', () => {
  const clock = new TestClock();
  let h: Harness;
  let events: EventReceiver;
  let hook: DecisionHookReceiver;
  let parts: RecordedParts;
  let t: flow.FlowTarget;

  beforeAll(async () => {
    events = await startEventReceiver({ webhookSecret: WEBHOOK_SECRET });
    hook = await startDecisionHookReceiver(HOOK_SECRET);
    // Every account it lets through gets a display name: the onboarding task (an outbox task) runs too.
    hook.decide = () => ({ body: { decision: 'allow', display_name: 'Granted' } });
    h = await startHarness({
      clock,
      messaging: true,
      secrets: { operatorKey: OPERATOR_KEY, eventsWebhookSecret: WEBHOOK_SECRET, decisionHookSecret: HOOK_SECRET },
      config: {
        registration: {
          flows: [
            ['m.login.terms', 'm.login.dummy'],
            ['m.login.registration_token', 'm.login.terms', 'm.login.email.identity'],
            ['m.login.registration_token', 'm.login.msisdn'],
          ],
        },
        terms: TERMS,
        threepid: { ...THREEPID, msisdn: { ...THREEPID.msisdn, allowedCountries: ['GB'] } },
        gate: { sendsPerPass: 5 },
        // Low enough for the flows to meet them: the checks and meter parts count their 429s.
        rateLimits: {
          ...LOOSE_RATE_LIMITS,
          tokenValidity: { max: 3, windowSeconds: 60 },
          available: { max: 3, windowSeconds: 60 },
          smsPerDay: 1000,
        },
        pages: { brand: { name: 'Example Chat' } },
        recovery: {},
        approval: { when: { withoutToken: true }, deadlineSeconds: DEADLINE_S, operatorEmails: ['ops@example.org'] },
        decisionHook: { url: hook.url, onFailure: 'closed' },
        events: { webhook: { url: events.webhookUrl } },
        onboarding: { rooms: [] },
      },
    });
    parts = await buildRecordedParts({ config: h.config, secrets: h.secrets, clock, operatorKey: OPERATOR_KEY });
    t = { router: parts.router, h, operatorKey: OPERATOR_KEY };
  });

  afterAll(async () => {
    await h?.close();
    await events?.stop();
    await hook?.close();
  });

  it('drives every part through its flows', async () => {
    await flow.newToken(t, 'grants-token', 50);
    expect((await flow.call(t, `${flow.V3}/register/available?username=free-name`)).status).toBe(200);
    for (const name of ['waits-approved', 'waits-bulk-approved', 'waits-denied', 'waits-bulk-denied', 'waits-expired'])
      await flow.waitingSignup(t, name);
    // The first tries of the sign-up events fail: they stay due in the outbox for the sweep.
    events.injectFault({ on: 'webhook', kind: 'internal', times: 3 });
    const token = await flow.emailSignup(t, 'mailer', 'grants-token', 'mailer@example.org');
    const phone = await flow.phoneSignup(t, 'phoner', 'grants-token', '07400 123456');
    await flow.emailReset(t, 'mailer@example.org');
    await flow.phoneReset(t, phone);
    const password = `${flow.PASSWORD} newer`;
    await flow.addressesAfterSignup(t, 'phoner', password, await flow.login(t, 'phoner', password));
    expect(token).toBeTruthy();
    await flow.fallbackPages(t, 'fallbacker', 'grants-token');
    await flow.signupPage(t, 'page-waits', h.config.pages!.path);
    await flow.signupPageWithEmail(t, 'pager', 'grants-token', 'pager@example.org', h.config.pages!.path);
    await flow.forgotPasswordPage(t, 'pager@example.org', h.config.recovery!.pagePath);
    await flow.operatorApi(t);
    await flow.decisions(t, ['waits-approved', 'waits-bulk-approved'], ['waits-denied', 'waits-bulk-denied']);
    await flow.operatorConsole(t);
    // A browser's preflight and a path no route names: the checks part answers both.
    expect(
      (
        await flow.call(
          t,
          `${flow.V3}/register`,
          undefined,
          { origin: 'https://app.example.org', 'access-control-request-method': 'POST' },
          'OPTIONS',
        )
      ).status,
    ).toBeLessThan(300);
    expect((await flow.call(t, `${flow.V3}/nowhere`)).status).toBe(404);
    await flow.overLimit(t, '/_matrix/client/v1/register/m.login.registration_token/validity?token=grants-token');
    await flow.overLimit(t, `${h.config.pages!.path}/password-strength`, { password: flow.PASSWORD });
  });

  it('sweeps due outbox tasks and closes a request past its deadline', async () => {
    events.injectFault({ on: 'webhook', kind: 'internal', times: 1 });
    clock.advance(DEADLINE_S * 1000 + 60_000);
    const report = await parts.sweep();
    // The API's and the page's sign-ups without a token that nobody decided.
    expect(report.expired).toBe(2);
    expect(report.done).toBeGreaterThan(0);
  });

  it('counts a session started, then removed unfinished by the table’s TTL', async () => {
    const first = await flow.call(t, REGISTER, { username: 'walked-away', password: flow.PASSWORD });
    const key = marshall({ pk: `session#${first.body.session}`, sk: 'session' });
    const item = (await h.db.send(new GetItemCommand({ TableName: h.config.tableName, Key: key, ConsistentRead: true }))).Item!;
    const keys = { pk: item.pk!, sk: item.sk! };
    const stored = {
      eventID: 'grants-0',
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: keys, NewImage: item, SequenceNumber: '999', StreamViewType: 'NEW_AND_OLD_IMAGES' },
    };
    const removed = {
      eventID: 'grants-1',
      eventName: 'REMOVE',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: keys, OldImage: item, SequenceNumber: '1000', StreamViewType: 'NEW_AND_OLD_IMAGES' },
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    };
    expect(await parts.funnel([stored as never, removed as never])).toEqual({ batchItemFailures: [] });
    // Both counted: the start's mark and count in one transaction, the abandonment's in another.
    expect(parts.calls.funnel.length).toBeGreaterThanOrEqual(2);
  });

  it('sent a request to every route of the route table (an r0 route by its v3 twin: the same handler)', () => {
    const hit = new Set([...parts.routesHit].map((route) => route.replace('/r0/', '/v3/')));
    const missed = parts.routes
      .filter((r) => r.method !== 'OPTIONS' && !hit.has(`${r.method} ${r.path.replace('/r0/', '/v3/')}`))
      .map((r) => `${r.fn}: ${r.method} ${r.path}`);
    if (missed.length > 0) console.info(`routes no flow reached:\n  ${missed.join('\n  ')}`);
    expect(missed).toEqual([]);
  });

  it('recorded calls from every part that has a table, and none from the lookup (it has no table client)', () => {
    const counts = Object.fromEntries(PARTS.map((part) => [part, parts.calls[part].length]));
    console.info(`recorded table calls per part: ${JSON.stringify(counts)}`);
    // What kinds of call each part made: the action and the partition's prefix (up to its first #).
    for (const part of PARTS) {
      const kinds = new Set(parts.calls[part].map((c) => `${c.action.replace('dynamodb:', '')} ${c.pk?.split('#')[0] ?? '-'}`));
      console.info(`${part}: ${[...kinds].sort().join(', ')}`);
    }
    for (const part of PARTS.filter((p) => p !== 'lookup')) expect(counts[part], part).toBeGreaterThan(0);
    expect(counts.lookup).toBe(0);
    expect(tableAccess('lookup', h.config)).toEqual([]);
  });

  it.each(PARTS)('allows every call the %s part made', (part) => {
    const denied = deniedCalls(parts.calls[part], tableAccess(part, h.config), h.config.tableName);
    if (denied.length > 0) console.info(`${part} is denied:\n  ${denied.join('\n  ')}`);
    expect(denied).toEqual([]);
  });
});
