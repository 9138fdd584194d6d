/**
 * The per-function table grants (infra/table-access.ts) against the table's keys (table-schema.ts): every
 * item any store writes falls under exactly one LeadingKeys pattern, and the grants that matter most hold.
 */
import { describe, expect, it } from 'vitest';
import * as schema from '../../functions/adapters/dynamodb/table-schema.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { CONSOLE_SIGN_IN_RATE, KEY, tableAccess, type TableUser } from '../../infra/table-access.js';
import { stringLike } from './grants/iam-check.js';

const like = stringLike;

/** One partition key of every kind of item the stores write. */
const PARTITIONS = [
  schema.sessionKey('s1').pk,
  schema.validationKey('sid1').pk,
  schema.rateKey('register:ip').pk,
  schema.usernameKey('alice').pk,
  schema.addressClaimKey('email', 'a@example.org').pk,
  schema.registrationTokenKey('t1').pk,
  schema.tokenReservationKey('s1').pk,
  schema.gatePassKey('ip:x').pk,
  schema.accountRecordKey('@alice:example.org').pk,
  schema.resetSessionKey('r1').pk,
  schema.resetUseKey('sid1').pk,
  schema.addSessionKey('a1').pk,
  schema.addressListLockKey('@alice:example.org').pk,
  schema.approvalKey('q1').pk,
  schema.outboxTaskKey('signup.completed:s1').pk,
  schema.outboxMarkerKey('signup.completed:s1').pk,
  schema.TERMS_PARTITION,
  schema.AUDIT_PARTITION,
  schema.COUNTERS_PARTITION,
  schema.SWITCHES_PARTITION,
  schema.funnelMarkKey('s1', 'started').pk,
];

const baseConfig = {
  serverName: 'example.org',
  tableName: 'sessions',
  homeserver: { url: 'https://matrix.example.org', mode: 'admin_api', timeoutMs: 3000 },
  registration: { flows: [['m.login.dummy']] },
};
const plain = parseTenantConfig(baseConfig);
const waiting = parseTenantConfig({ ...baseConfig, approval: { when: { withoutToken: true } } });

/** The actions `fn` may make on an item whose partition key is `pk`. */
const allowed = (fn: TableUser, pk: string, config = plain) =>
  new Set(tableAccess(fn, config).flatMap((g) => (g.keys.some((k) => like(k, pk)) ? g.actions : [])));

describe('the table grants', () => {
  it('name every kind of item by exactly one key pattern (no prefix swallows another partition)', () => {
    for (const pk of PARTITIONS) {
      const matching = Object.entries(KEY).filter(([, pattern]) => like(pattern, pk));
      expect(
        matching.map(([name]) => name),
        pk,
      ).toHaveLength(1);
    }
    expect(Object.keys(KEY)).toHaveLength(PARTITIONS.length);
  });

  it('let only the operator API create or delete a registration token', () => {
    const token = schema.registrationTokenKey('t1').pk;
    for (const fn of ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'lookup', 'sweep'] as const) {
      for (const config of [plain, waiting]) {
        expect(allowed(fn, token, config).has('dynamodb:PutItem'), fn).toBe(false);
        expect(allowed(fn, token, config).has('dynamodb:DeleteItem'), fn).toBe(false);
      }
    }
    expect(allowed('admin', token).has('dynamodb:PutItem')).toBe(true);
  });

  it('let the admin function and the sweep touch sessions and the approval queue only where sign-ups may wait', () => {
    const [session, approval] = [schema.sessionKey('s1').pk, schema.approvalKey('q1').pk];
    for (const fn of ['admin', 'sweep'] as const) {
      expect(allowed(fn, session).size, fn).toBe(0);
      expect(allowed(fn, approval).size, fn).toBe(0);
      expect(allowed(fn, approval, waiting).has('dynamodb:Query'), fn).toBe(true);
    }
    expect([...allowed('register', approval, waiting)]).toEqual(['dynamodb:PutItem']);
  });

  it("give the pages function what the register function holds and the account function's reset, and nothing of /account/3pid/add", () => {
    const addOnly = [schema.addSessionKey('a1').pk, schema.addressListLockKey('@alice:example.org').pk];
    for (const config of [plain, waiting]) {
      for (const pk of PARTITIONS) {
        const expected = addOnly.includes(pk) ? [] : [...new Set([...allowed('register', pk, config), ...allowed('account', pk, config)])];
        expect([...allowed('pages', pk, config)].sort(), pk).toEqual(expected.sort());
      }
    }
  });

  it('keep the reset and /account/3pid/add records to the account function (and the pages for theirs), and it off the sign-ups', () => {
    const accountOnly = [
      schema.resetSessionKey('r1').pk,
      schema.resetUseKey('sid1').pk,
      schema.addSessionKey('a1').pk,
      schema.addressListLockKey('@alice:example.org').pk,
    ];
    for (const pk of accountOnly) {
      expect(allowed('register', pk, waiting).size, `register ${pk}`).toBe(0);
      expect(allowed('account', pk, waiting).size, `account ${pk}`).toBeGreaterThan(0);
    }
    const signups = [
      schema.sessionKey('s1').pk,
      schema.usernameKey('alice').pk,
      schema.registrationTokenKey('t1').pk,
      schema.tokenReservationKey('s1').pk,
      schema.accountRecordKey('@alice:example.org').pk,
      schema.approvalKey('q1').pk,
      schema.outboxTaskKey('signup.completed:s1').pk,
      schema.TERMS_PARTITION,
      schema.SWITCHES_PARTITION,
    ];
    for (const pk of signups) expect(allowed('account', pk, waiting).size, pk).toBe(0);
    // It reads a validation (never spends one) and claims the added address (never gives a claim back).
    expect([...allowed('account', schema.validationKey('sid1').pk)]).toEqual(['dynamodb:GetItem']);
    expect([...allowed('account', schema.addressClaimKey('email', 'a@example.org').pk)]).toEqual(['dynamodb:PutItem']);
  });

  it('keep the public senders and the meter off every record of issues 15 and 16', () => {
    const records = PARTITIONS.slice(PARTITIONS.indexOf(schema.resetSessionKey('r1').pk), PARTITIONS.indexOf(schema.AUDIT_PARTITION) + 1);
    for (const fn of ['email', 'sms', 'checks', 'meter', 'lookup'] as const) {
      for (const pk of records) expect(allowed(fn, pk, waiting).size, `${fn} ${pk}`).toBe(0);
    }
  });

  it('let every part but the lookup count sign-ups, only the admin function read the counters or set the switches', () => {
    const [counters, switches] = [schema.COUNTERS_PARTITION, schema.SWITCHES_PARTITION];
    for (const fn of ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'sweep', 'funnel'] as const) {
      expect([...allowed(fn, counters, waiting)], fn).toEqual(['dynamodb:UpdateItem']);
      expect(allowed(fn, switches, waiting).has('dynamodb:UpdateItem'), fn).toBe(false);
    }
    for (const fn of ['register', 'pages', 'email', 'sms'] as const) expect([...allowed(fn, switches)], fn).toEqual(['dynamodb:GetItem']);
    expect([...allowed('admin', counters)].sort()).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect([...allowed('admin', switches)].sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(allowed('lookup', counters).size + allowed('lookup', switches).size).toBe(0);
  });

  it('let only the funnel counter mark the funnel steps it counted, and it touch nothing else but the counters', () => {
    const mark = schema.funnelMarkKey('s1', 'started').pk;
    for (const config of [plain, waiting]) {
      for (const fn of ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'admin', 'lookup', 'sweep'] as const) {
        expect(allowed(fn, mark, config).size, fn).toBe(0);
      }
      expect([...allowed('funnel', mark, config)]).toEqual(['dynamodb:UpdateItem']);
      const touched = PARTITIONS.filter((pk) => allowed('funnel', pk, config).size > 0);
      expect(touched).toEqual([schema.COUNTERS_PARTITION, mark]);
    }
  });

  it('let the admin function count its console sign-ins and touch no other per-IP counter', () => {
    expect(like(KEY.rate, 'rate#console_sign_in:ip:x') && like(CONSOLE_SIGN_IN_RATE, 'rate#console_sign_in:ip:x')).toBe(true);
    expect([...allowed('admin', schema.rateKey('console_sign_in:ip:x').pk)]).toEqual(['dynamodb:UpdateItem']);
    expect(allowed('admin', schema.rateKey('register:ip:x').pk).size).toBe(0);
  });

  it('let nothing scan or batch', () => {
    for (const fn of ['register', 'account', 'pages', 'email', 'sms', 'checks', 'meter', 'admin', 'lookup', 'sweep', 'funnel'] as const) {
      for (const grant of tableAccess(fn, waiting)) expect(grant.actions.join(), fn).not.toMatch(/Scan|Batch/);
    }
  });
});
