/** Metrics (issue 17): the sign-up funnel counted in the tenant table per hour, and the EMF lines CloudWatch reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emfLines } from '../../functions/adapters/cloudwatch/emf-lines.js';
import { registerThroughTermsAndDummy, REGISTER, startHarness, type Harness } from '../support/harness.js';
import { operator, OPERATOR_KEY } from '../gating/support.js';

describe('sign-up counters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ counts: true, secrets: { operatorKey: OPERATOR_KEY } });
  });
  afterAll(() => h.close());

  it('counts each sign-up started, each stage passed, and each account completed', async () => {
    expect((await registerThroughTermsAndDummy(h, 'counted')).status).toBe(200);
    const first = await h.post(REGISTER, { username: 'refused', password: 'correct horse battery' });
    // A second sign-up that passes only the dummy stage and never completes.
    await h.post(REGISTER, { auth: { type: 'm.login.dummy', session: first.body.session } });
    await h.countsSettled();
    const res = await operator(h, '/_front_door/admin/v1/counters');
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({
      started: 2,
      completed: 1,
      passed: { 'm.login.terms': 1, 'm.login.dummy': 2 },
    });
    expect(res.body.hours).toHaveLength(1);
  });

  it('refuses a bad range with 400', async () => {
    expect((await operator(h, '/_front_door/admin/v1/counters?from=10&until=5')).status).toBe(400);
    expect((await operator(h, '/_front_door/admin/v1/counters?from=yesterday')).status).toBe(400);
  });

  it('logs each request with its id, route, cold-start flag and outcome, and no secret', async () => {
    await registerThroughTermsAndDummy(h, 'logged');
    const lines = h.logs.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'request');
    const last = lines.at(-1);
    expect(last).toMatchObject({ service: 'matrix-front-door', route: '/_matrix/client/v3/register', status: 200, outcome: 'completed' });
    expect(typeof last.function_request_id).toBe('string');
    expect(typeof last.cold_start).toBe('boolean');
    expect(h.logs.join('\n')).not.toContain('correct horse battery');
  });
});

describe('EMF lines', () => {
  it('puts the tenant counts in one document and each stage (and stage + reason) in its own, with the _aws metadata', () => {
    const lines = emfLines(
      [
        { metric: 'SignupStarted' },
        { metric: 'StagePassed', stage: 'm.login.terms' },
        { metric: 'StageFailed', stage: 'm.login.recaptcha', reason: 'M_UNAUTHORIZED' },
        { metric: 'SmsSent', spendUsd: 0.04 },
        { metric: 'HomeserverCall', ms: 12.4, failed: false },
        { metric: 'HomeserverCall', ms: 30, failed: true },
      ],
      'example',
      1_700_000_000_000,
    ).map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'MatrixFrontDoor', Dimensions: [['Tenant']] }] },
      Tenant: 'example',
      SignupStarted: 1,
      SmsSent: 1,
      SmsSpendEstimateUsd: 0.04,
      HomeserverLatencyMs: [12, 30],
      HomeserverErrors: 1,
    });
    expect(lines[0]._aws.CloudWatchMetrics[0].Metrics).toContainEqual({ Name: 'HomeserverLatencyMs', Unit: 'Milliseconds' });
    expect(lines[1]).toMatchObject({ Tenant: 'example', Stage: 'm.login.terms', StagePassed: 1 });
    expect(lines[1]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Tenant', 'Stage']]);
    expect(lines[2]).toMatchObject({ Stage: 'm.login.recaptcha', Reason: 'M_UNAUTHORIZED', StageFailed: 1 });
    expect(lines[2]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Tenant', 'Stage', 'Reason']]);
  });
});

/** Issue 18: the counts of a session stored, a stage recorded and an account made come from the table's stream. */
describe('counts of what a session write decided, from the table stream', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ counts: true, secrets: { operatorKey: OPERATOR_KEY } });
  });
  afterAll(() => h.close());

  const total = async () => {
    await h.countsSettled();
    return (await operator(h, '/_front_door/admin/v1/counters')).body.total;
  };

  it('counts only writes that won: a stage sent three times at once counts once, a name taken starts nothing', async () => {
    const first = await h.post(REGISTER, { username: 'raced', password: 'correct horse battery' });
    const session = first.body.session;
    const terms = { auth: { type: 'm.login.terms', session } };
    await Promise.all([h.post(REGISTER, terms), h.post(REGISTER, terms), h.post(REGISTER, terms)]);
    expect((await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } })).status).toBe(200);
    expect((await h.post(REGISTER, { username: 'raced', password: 'another long passphrase' })).body.errcode).toBe('M_USER_IN_USE');
    expect(await total()).toMatchObject({ started: 1, completed: 1, passed: { 'm.login.terms': 1, 'm.login.dummy': 1 } });
  });
});
