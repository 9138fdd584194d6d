/**
 * The two sign-ups the bench drives, step by step, through the real HTTP server. Each step reports what
 * it is, so the caller can time it and count the calls it made.
 */
import { randomBytes } from 'node:crypto';
import { type BenchClient, expectStatus, freshName, PASSWORD, REGISTER, type Reply } from './client.js';

/** Named steps; a flow calls `step(kind, call)` around each request. */
export type StepKind =
  | 'first 401'
  | 'terms (UIA)'
  | 'dummy + account creation'
  | 'register/available'
  | 'email requestToken'
  | 'submit_token (mail link)'
  | 'email identity (UIA)'
  | 'terms + account creation';

export type Step = (kind: StepKind, call: () => Promise<Reply>) => Promise<Reply>;

export const untimed: Step = (_kind, call) => call();

export async function termsAndDummy(client: BenchClient, step: Step = untimed): Promise<string> {
  const username = freshName();
  const first = expectStatus('first 401', await step('first 401', () => client.post(REGISTER, { username, password: PASSWORD })), 401);
  const session = first.body.session as string;
  expectStatus('terms', await step('terms (UIA)', () => client.post(REGISTER, { auth: { type: 'm.login.terms', session } })), 401);
  const done = expectStatus(
    'dummy',
    await step('dummy + account creation', () => client.post(REGISTER, { auth: { type: 'm.login.dummy', session } })),
    200,
  );
  return done.body.user_id as string;
}

export async function usernameAvailable(client: BenchClient, step: Step = untimed): Promise<void> {
  const username = freshName('a');
  expectStatus('available', await step('register/available', () => client.get(`${REGISTER}/available?username=${username}`)), 200);
}

/** Email first (the client has asked for its session already), then terms, which finishes the flow. */
export async function emailAndTerms(
  client: BenchClient,
  mailText: (to: string) => string | undefined,
  step: Step = untimed,
): Promise<string> {
  const username = freshName('e');
  const email = `${username}@bench.local`;
  const clientSecret = `cs${randomBytes(12).toString('hex')}`;
  const first = expectStatus('first 401', await step('first 401', () => client.post(REGISTER, { username, password: PASSWORD })), 401);
  const session = first.body.session as string;
  const token = expectStatus(
    'requestToken',
    await step('email requestToken', () =>
      client.post(`${REGISTER}/email/requestToken`, { client_secret: clientSecret, email, send_attempt: 1 }),
    ),
    200,
  );
  const sid = token.body.sid as string;
  const link = mailText(email)?.match(/https?:\/\/\S+submit_token\S+/)?.[0];
  if (!link) throw new Error(`no link in the mail to ${email}`);
  const { pathname, search } = new URL(link);
  expectStatus('submit_token', await step('submit_token (mail link)', () => client.get(`${pathname}${search}`)), 200);
  const auth = { type: 'm.login.email.identity', threepid_creds: { sid, client_secret: clientSecret }, session };
  expectStatus('email stage', await step('email identity (UIA)', () => client.post(REGISTER, { auth })), 401);
  const done = expectStatus(
    'terms',
    await step('terms + account creation', () => client.post(REGISTER, { auth: { type: 'm.login.terms', session } })),
    200,
  );
  return done.body.user_id as string;
}
