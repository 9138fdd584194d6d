/**
 * `npm start`'s funnel: `/metrics` in Prometheus text format from the table's counters (served by the local
 * server, named in the banner), and the one-line summary printed when the funnel changed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsText, startLocalSummary, summaryLine } from '../../local/metrics-page.js';
import { banner, startLocal, type LocalFrontDoor } from '../../local/start.js';
import { emptyCounts, addCounts } from '../../functions/model/signup-counts.js';
import { registerThroughTermsAndDummy, startHarness } from '../support/harness.js';

/** One line of the text format: a HELP or TYPE comment, or `name{label="value",…} number`. */
const LINE = /^(# (HELP|TYPE) [a-z_:][a-z0-9_:]* .+|[a-z_:][a-z0-9_:]*(\{([a-z_]+="([^"\\\n]|\\["\\n])*",?)+\})? -?[0-9.e+-]+)$/;

describe('the /metrics text', () => {
  const counts = addCounts(emptyCounts(), {
    started: 3,
    completed: 2,
    passed: { 'm.login.terms': 3, 'm.login.dummy': 2 },
    failed: { 'm.login.registration_token': { M_FORBIDDEN: 1 }, 'odd"stage\\with\nbreak': { M_X: 1 } },
    smsSpendUsd: 0.25,
    rateLimited: 4,
  });
  const text = metricsText(counts);

  it('is valid exposition format: every line a HELP, a TYPE or a sample, ending in a newline', () => {
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(LINE);
  });

  it('declares each family once, as a counter, before its samples', () => {
    const names = [...text.matchAll(/^# TYPE (\S+) counter$/gm)].map((m) => m[1]!);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const type = text.indexOf(`# TYPE ${name} counter`);
      const firstSample = text.search(new RegExp(`^${name}[ {]`, 'm'));
      if (firstSample >= 0) expect(firstSample).toBeGreaterThan(type);
    }
  });

  it('carries the funnel: started, stages passed and failed by reason, completed, spend and 429s', () => {
    expect(text).toContain('\nmatrix_front_door_signups_started_total 3\n');
    expect(text).toContain('\nmatrix_front_door_stage_passed_total{stage="m.login.terms"} 3\n');
    expect(text).toContain('\nmatrix_front_door_stage_failed_total{stage="m.login.registration_token",reason="M_FORBIDDEN"} 1\n');
    expect(text).toContain('\nmatrix_front_door_signups_completed_total 2\n');
    expect(text).toContain('\nmatrix_front_door_sms_spend_usd_total 0.25\n');
    expect(text).toContain('\nmatrix_front_door_rate_limited_total 4\n');
    expect(text).toContain('\nmatrix_front_door_mails_sent_total 0\n');
  });

  it('escapes label values', () => {
    expect(text).toContain('{stage="odd\\"stage\\\\with\\nbreak",reason="M_X"} 1');
  });

  it('sums the funnel into one line in flow order', () => {
    expect(summaryLine(counts, [['m.login.terms', 'm.login.dummy']])).toBe(
      'started 3 → m.login.terms 3 → m.login.dummy 2 → completed 2 · failed 2 · mails 0 · SMS 0 ($0.25) · 429s 4',
    );
  });
});

describe('the local summary', () => {
  it('prints the funnel once something was counted, and not again until it changes', async () => {
    const h = await startHarness({ counts: true });
    const printed: string[] = [];
    const stop = startLocalSummary({ config: h.config, dynamo: h.db }, 1, (line) => printed.push(line));
    try {
      expect((await registerThroughTermsAndDummy(h, 'summed')).status).toBe(200);
      // The harness reads the table's stream when asked (npm start polls it: the npm start tests below).
      await h.countsSettled();
      const done = 'funnel  started 1 → m.login.terms 1 → m.login.dummy 1 → completed 1 · failed 0 · mails 0 · SMS 0 ($0.00) · 429s 0';
      await expect.poll(() => printed.at(-1), { timeout: 10_000 }).toBe(done);
      // Nothing was printed while nothing was counted, and a line only when the funnel moved (a tick may fall mid sign-up).
      expect(printed.every((line, i) => line.includes('started 1') && line !== printed[i - 1])).toBe(true);
      const before = printed.length;
      expect((await registerThroughTermsAndDummy(h, 'summed-again')).status).toBe(200);
      await h.countsSettled();
      await expect.poll(() => printed.at(-1), { timeout: 10_000 }).toContain('completed 2');
      expect(printed.slice(before).every((line, i, after) => line !== (after[i - 1] ?? done))).toBe(true);
    } finally {
      stop();
      await h.close();
    }
  });
});

describe('npm start serves /metrics', () => {
  let local: LocalFrontDoor;
  beforeAll(async () => {
    const { HOMESERVER_URL: _u, SERVER_NAME: _n, REGISTRATION_SHARED_SECRET: _s, HOMESERVER_ADMIN_TOKEN: _t, ...env } = process.env;
    local = await startLocal(
      {
        ...env,
        PORT: '0',
        DEV_HOMESERVER_PORT: '0',
        MAIL_CATCHER_PORT: '0',
        SMS_OUTBOX_PORT: '0',
        EVENT_RECEIVER_PORT: '0',
        TABLE_NAME: `metrics-${randomBytes(4).toString('hex')}`,
        AWS_ENDPOINT_URL_SES: '',
        AWS_ENDPOINT_URL_SNS: '',
      },
      { quiet: true },
    );
  });
  afterAll(() => local.stop());

  it('names /metrics and the operator CLI in the banner', () => {
    const text = banner(local);
    expect(text).toContain(`  ${local.url}/metrics\n`);
    expect(text).toContain('npm run operator -- switches');
  });

  it('answers the funnel in Prometheus text, the front door still answering the rest', async () => {
    const register = (body: unknown) =>
      fetch(`${local.url}/_matrix/client/v3/register`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as any);
    const first = await register({ username: 'metered', password: 'correct horse battery' });
    await register({ auth: { type: 'm.login.terms', session: first.session } });
    expect((await register({ auth: { type: 'm.login.dummy', session: first.session } })).user_id).toBe('@metered:localhost');
    // npm start reads the table's stream by itself, as the funnel function does in AWS: no settling asked for here.
    const metrics = () => fetch(`${local.url}/metrics`).then((r) => r.text());
    await expect.poll(metrics, { timeout: 10_000 }).toContain('\nmatrix_front_door_signups_completed_total 1\n');
    const res = await fetch(`${local.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('\nmatrix_front_door_signups_started_total 1\n');
    expect(text).toContain('\nmatrix_front_door_stage_passed_total{stage="m.login.dummy"} 1\n');
    expect(text).toContain('\nmatrix_front_door_signups_completed_total 1\n');
    const unknown = await fetch(`${local.url}/_matrix/client/v3/nowhere`);
    expect({ status: unknown.status, body: await unknown.json() }).toMatchObject({ status: 404, body: { errcode: 'M_UNRECOGNIZED' } });
  });
});
