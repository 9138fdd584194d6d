import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalFrontDoor } from '../local/start.js';

/** The stand-in homeserver even when the run was given a real one (the real-Synapse suite's HOMESERVER_URL). */
function withoutRealHomeserver(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { HOMESERVER_URL: _url, SERVER_NAME: _name, REGISTRATION_SHARED_SECRET: _secret, HOMESERVER_ADMIN_TOKEN: _token, ...rest } = env;
  return rest;
}

describe('the README quick start (npm start) over real HTTP', () => {
  let local: LocalFrontDoor;
  /** What npm start prints besides its banner: each sign-up event as it arrives. */
  const printed: string[] = [];
  beforeAll(async () => {
    local = await startLocal(
      {
        ...withoutRealHomeserver(process.env),
        PORT: '0',
        DEV_HOMESERVER_PORT: '0',
        MAIL_CATCHER_PORT: '0',
        SMS_OUTBOX_PORT: '0',
        TABLE_NAME: 'quick-start',
        AWS_ENDPOINT_URL_SES: '',
        AWS_ENDPOINT_URL_SNS: '',
      },
      { quiet: true, print: (line) => printed.push(line) },
    );
  });
  afterAll(() => local.stop());

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${local.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const register = (body: unknown) => post('/_matrix/client/v3/register', body);
  const logIn = (user: string, password: string) =>
    fetch(`${local.config.homeserver.url}/_matrix/client/v3/login`, {
      method: 'POST',
      body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user }, password }),
    });

  it('starts every stand-in and says where each is', () => {
    // DynamoDB Local is the suite's own here (AWS_ENDPOINT_URL_DYNAMODB is set), so it is not started again.
    expect(local.started.join('\n')).toMatch(/development homeserver[\s\S]*mail catcher[\s\S]*SMS outbox[\s\S]*event receiver/);
  });

  it('registers an account through terms then dummy, as the printed curl lines do', async () => {
    const first = await register({ username: 'alice', password: 'correct horse battery' });
    expect(first.status).toBe(401);
    expect(first.body.flows[0]).toEqual({ stages: ['m.login.terms', 'm.login.dummy'] });
    const terms = await register({ auth: { type: 'm.login.terms', session: first.body.session } });
    expect(terms.body.completed).toEqual(['m.login.terms']);
    const done = await register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@alice:localhost');
    expect((await logIn('alice', 'correct horse battery')).status).toBe(200);
    // The dev config sends sign-up events to the local receiver, which prints one line each as it arrives.
    expect(printed.filter((line) => line.includes('@alice:localhost')).sort()).toEqual([
      'event signup.completed @alice:localhost via eventbridge',
      'event signup.completed @alice:localhost via webhook',
    ]);
    // The sweep runs on its timer; once by hand here finds nothing left to deliver.
    await local.sweep!.runOnce();
    expect(printed.filter((line) => line.startsWith('sweep'))).toEqual([]);
  });

  it('registers with an email address, the link read from the mail catcher page', async () => {
    const first = await register({ username: 'bob', password: 'correct horse battery' });
    const sid = (
      await post('/_matrix/client/v3/register/email/requestToken', { client_secret: 'qs-1', email: 'bob@example.org', send_attempt: 1 })
    ).body.sid;
    const catcher = local.started.find((s) => s.startsWith('mail catcher'))!.match(/http:\/\/\S+/)![0];
    const store = (await (await fetch(`${catcher}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const mail = store.emails.find((m) => m.destination.to.includes('bob@example.org'))!;
    const link = mail.body.text.match(/http:\/\/\S+/)![0];
    expect(link.startsWith(local.url)).toBe(true);
    expect((await fetch(link)).status).toBe(200);
    await register({ auth: { type: 'm.login.terms', session: first.body.session } });
    const done = await register({
      auth: { type: 'm.login.email.identity', session: first.body.session, threepid_creds: { sid, client_secret: 'qs-1' } },
    });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@bob:localhost');
  });
});
