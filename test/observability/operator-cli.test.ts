/**
 * The operator CLI (`npm run operator`) against a front door served over HTTP: it shows and flips the live
 * switches through the operator API (audited as the key's operator), prints the funnel, and says plainly
 * what is wrong when the key, the address or the command is.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperatorCli } from '../../local/operator-cli.js';
import { writeLocalOperatorKey } from '../../local/local-operator-key.js';
import { OPERATOR_KEY, operator } from '../gating/support.js';
import { REGISTER, registerThroughTermsAndDummy, startHarness, type Harness } from '../support/harness.js';

const run = promisify(execFile);
/** No key file to fall back on unless a test makes one. */
const noKeyFile = join(mkdtempSync(join(tmpdir(), 'operator-cli-')), 'none');

describe('the operator CLI', () => {
  let h: Harness;
  let env: Record<string, string>;
  const cli = async (args: string[], extra: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await runOperatorCli(args, { env: { ...env, ...extra }, print: (line) => lines.push(line) });
    return { code, out: lines.join('\n') };
  };

  beforeAll(async () => {
    h = await startHarness({ counts: true, messaging: true, secrets: { operatorKey: OPERATOR_KEY } });
    env = { FRONT_DOOR_URL: h.url!, FRONT_DOOR_OPERATOR_KEY: OPERATOR_KEY, FRONT_DOOR_LOCAL_KEY_FILE: noKeyFile };
  });
  afterAll(() => h.close());

  it('shows the switches, all off at first', async () => {
    const { code, out } = await cli(['switches']);
    expect(code).toBe(0);
    expect(out).toMatch(/registration closed\s+off/);
    expect(out).toMatch(/SMS paused\s+off/);
    expect(out).toMatch(/email paused\s+off/);
  });

  it('closes registration (the front door then refuses /register) and opens it again, each change audited', async () => {
    const closed = await cli(['switch', 'close-registration', 'on']);
    expect(closed.code).toBe(0);
    expect(closed.out).toMatch(/registration closed\s+ON/);
    expect(closed.out).toMatch(/by default/);
    const refused = await h.post(REGISTER, { username: 'while-closed', password: 'correct horse battery' });
    expect(refused).toMatchObject({ status: 403, body: { errcode: 'M_FORBIDDEN' } });
    expect((await cli(['switch', 'close-registration', 'off'])).out).toMatch(/registration closed\s+off/);
    expect((await h.post(REGISTER, { username: 'reopened', password: 'correct horse battery' })).status).toBe(401);
    const audit = await operator(h, '/_front_door/admin/v1/audit_log');
    const changes = JSON.stringify(audit.body);
    expect(changes).toContain('switches.changed');
  });

  it('pauses and resumes SMS and email', async () => {
    expect((await cli(['switch', 'pause-sms', 'on'])).out).toMatch(/SMS paused\s+ON/);
    expect((await cli(['switch', 'pause-email', 'on'])).out).toMatch(/email paused\s+ON/);
    expect((await operator(h, '/_front_door/admin/v1/switches')).body).toMatchObject({ sms_paused: true, email_paused: true });
    await cli(['switch', 'pause-sms', 'off']);
    await cli(['switch', 'pause-email', 'off']);
    expect((await operator(h, '/_front_door/admin/v1/switches')).body).toMatchObject({ sms_paused: false, email_paused: false });
  });

  it('prints the funnel of the last hours', async () => {
    expect((await registerThroughTermsAndDummy(h, 'counted-by-cli')).status).toBe(200);
    await h.countsSettled();
    const { code, out } = await cli(['counters', '--hours', '2']);
    expect(code).toBe(0);
    expect(out).toContain('sign-ups, last 2 h');
    expect(out).toMatch(/passed m\.login\.dummy\s+1/);
    expect(out).toMatch(/completed\s+1/);
  });

  it('says the key was refused, naming the variable and never printing the key', async () => {
    const wrong = 'not-the-operator-key-at-all';
    const { code, out } = await cli(['switches'], { FRONT_DOOR_OPERATOR_KEY: wrong });
    expect(code).toBe(1);
    expect(out).toMatch(/refused the operator key \(40[13] M_/);
    expect(out).toContain('FRONT_DOOR_OPERATOR_KEY');
    expect(out).not.toContain(wrong);
  });

  it('says when there is no key at all, and when nothing listens at the address', async () => {
    expect(await cli(['switches'], { FRONT_DOOR_OPERATOR_KEY: '' })).toMatchObject({
      code: 1,
      out: expect.stringContaining('no operator key'),
    });
    const gone = await cli(['switches'], { FRONT_DOOR_URL: 'http://127.0.0.1:9' });
    expect(gone).toMatchObject({ code: 1, out: expect.stringContaining('cannot reach the front door at http://127.0.0.1:9') });
  });

  it('refuses unknown commands, switches and values with the usage and exit code 2', async () => {
    expect(await cli(['switch', 'pause-fax', 'on'])).toMatchObject({ code: 2, out: expect.stringContaining('unknown switch "pause-fax"') });
    expect(await cli(['switch', 'pause-sms', 'yes'])).toMatchObject({ code: 2, out: expect.stringContaining('on or off') });
    expect(await cli(['counters', '--hours', 'many'])).toMatchObject({ code: 2 });
    expect(await cli(['reboot'])).toMatchObject({ code: 2, out: expect.stringContaining('usage: npm run operator') });
    expect((await cli([])).code).toBe(2);
  });

  it('runs as scripts/operator.ts under tsx, finding the key npm start left when none is in the environment', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'operator-cli-')), 'operator-key');
    writeLocalOperatorKey({ FRONT_DOOR_LOCAL_KEY_FILE: keyFile }, OPERATOR_KEY);
    const { stdout } = await run('node_modules/.bin/tsx', ['scripts/operator.ts', 'switches'], {
      env: { ...process.env, FRONT_DOOR_URL: h.url!, FRONT_DOOR_OPERATOR_KEY: '', FRONT_DOOR_LOCAL_KEY_FILE: keyFile },
    });
    expect(stdout).toMatch(/registration closed\s+off/);
    const failed = await run('node_modules/.bin/tsx', ['scripts/operator.ts', 'switch', 'pause-sms'], {
      env: { ...process.env, ...env },
    }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 2, stdout: expect.stringContaining('on or off') });
  });
});
