/**
 * A front door (test harness: DynamoDB Local, SES and SNS stand-ins) in front of a real Synapse, and a
 * client that signs up through it the way a Matrix client does, retrying what it is told to retry.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type Answer, send as sendToApp } from '../support/client.js';
import { EMAIL_TOKEN, MSISDN_TOKEN, REGISTER, TERMS, THREEPID, sendLimits } from '../support/constants.js';
import { codeInSms, linkInMail, startHarness, type Harness, type HarnessOptions, type Mode } from '../support/harness.js';
import { retrying } from '../support/retrying.js';
import type { TestClock } from '../support/test-clock.js';
import type { RealSynapse } from './env.js';

export { EMAIL_TOKEN, MSISDN_TOKEN } from '../support/constants.js';
export const PASSWORD = 'correct horse battery staple';

/** Every flow the suite drives; limits loose enough for a suite that signs up hundreds of accounts from one machine. */
export const SUITE_CONFIG = {
  registration: {
    flows: [
      ['m.login.terms', 'm.login.dummy'],
      ['m.login.terms', 'm.login.email.identity'],
      ['m.login.terms', 'm.login.msisdn'],
    ],
  },
  terms: TERMS,
  threepid: { ...THREEPID, rateLimits: sendLimits(1000, 100_000) },
  rateLimits: {
    register: { max: 100_000, windowSeconds: 60 },
    available: { max: 100_000, windowSeconds: 60 },
    tokenValidity: { max: 100_000, windowSeconds: 60 },
  },
};

export interface FrontDoorOptions extends Omit<HarnessOptions, 'realHomeserver'> {
  /** Where the front door reaches Synapse (a fault proxy), when not directly. */
  via?: string;
  /** Which secrets the front door gets; both by default. */
  secrets?: HarnessOptions['secrets'];
  withSharedSecret?: boolean;
  withAdminToken?: boolean;
}

export function startFrontDoor(synapse: RealSynapse, mode: Mode, options: FrontDoorOptions = {}): Promise<Harness> {
  const { via, withSharedSecret = true, withAdminToken = true, config, ...rest } = options;
  return startHarness({
    mode,
    messaging: true,
    ...rest,
    config: { serverName: synapse.serverName, ...SUITE_CONFIG, ...config },
    realHomeserver: {
      url: via ?? synapse.url,
      sharedSecret: withSharedSecret ? synapse.sharedSecret : undefined,
      adminToken: withAdminToken ? synapse.adminToken : undefined,
    },
  });
}

/** A client at its own address (as the Lambda event gives it), so per-IP limits see many people, not one. */
export function clientAt(h: Harness, ip = randomIp()) {
  const post = (path: string, body: unknown): Promise<Answer> =>
    sendToApp(h.app, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ip });
  return { ip, post };
}

/** An address in 198.18.0.0/15 (set aside for benchmarks and tests). */
export function randomIp(): string {
  const b = randomBytes(3);
  return `198.${18 + (b[0]! & 1)}.${b[1]}.${b[2]}`;
}

export interface Plan {
  username: string;
  email?: string;
  phone?: { national: string; e164: string };
  device?: { device_id?: string; initial_device_display_name?: string; inhibit_login?: boolean; refresh_token?: boolean };
  /** Runs between requestToken and the final call (e.g. another account takes the address). */
  beforeFinal?: () => Promise<void>;
}

export interface Outcome {
  /** The answer to the final call (after retries). */
  done: Answer;
  /** Every 5xx or 429 the client saw and retried. */
  retried: Answer[];
  /** The answer of a requestToken the plan asked for, when it was refused. */
  refusedAt?: Answer;
}

/**
 * terms, then dummy, email or phone (the link from the mail followed, the code from the SMS posted). Each
 * call is sent again while the answer is a 5xx or 429, after the Retry-After (the clock moves, not time).
 */
export async function signUp(h: Harness, plan: Plan, tries = 10): Promise<Outcome> {
  const client = clientAt(h);
  const retried: Answer[] = [];
  const send = (path: string, body: unknown) => retrying(() => client.post(path, body), retried, h.clock as TestClock, tries);
  const first = await send(REGISTER, { username: plan.username, password: PASSWORD, ...plan.device });
  if (first.status !== 401) return { done: first, retried };
  const session = first.body.session as string;
  const clientSecret = `cs${randomBytes(8).toString('hex')}`;
  let auth: Record<string, unknown> = { type: 'm.login.dummy', session };
  if (plan.email) {
    const requested = await send(EMAIL_TOKEN, { client_secret: clientSecret, email: plan.email, send_attempt: 1 });
    if (requested.status !== 200) return { done: requested, retried, refusedAt: requested };
    const page = await fetch(await linkInMail(h, plan.email.toLowerCase()));
    expect(page.status).toBe(200);
    auth = { type: 'm.login.email.identity', session, threepid_creds: { sid: requested.body.sid, client_secret: clientSecret } };
  } else if (plan.phone) {
    const requested = await send(MSISDN_TOKEN, {
      client_secret: clientSecret,
      country: 'GB',
      phone_number: plan.phone.national,
      send_attempt: 1,
    });
    if (requested.status !== 200) return { done: requested, retried, refusedAt: requested };
    const submitted = await fetch(requested.body.submit_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sid: requested.body.sid, client_secret: clientSecret, token: codeInSms(h, plan.phone.e164) }),
    });
    expect(await submitted.json()).toEqual({ success: true });
    auth = { type: 'm.login.msisdn', session, threepid_creds: { sid: requested.body.sid, client_secret: clientSecret } };
  }
  const terms = await send(REGISTER, { auth: { type: 'm.login.terms', session } });
  expect(terms.status, JSON.stringify(terms.body)).toBe(401);
  await plan.beforeFinal?.();
  const done = await send(REGISTER, { auth });
  return { done, retried };
}
