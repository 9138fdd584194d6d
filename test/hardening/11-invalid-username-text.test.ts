/** Hardening 11: the reason a homeserver refuses a name reaches the client as the homeserver gave it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realSynapse } from '../synapse/env.js';
import { REGISTER, startHarness, type Harness, type Mode } from '../support/harness.js';

const found = realSynapse();
const targets = [
  { name: 'the stand-in', real: undefined },
  { name: 'a real Synapse', real: 'missing' in found ? null : found },
];

describe.each(targets)('hardening 11: M_INVALID_USERNAME says what the homeserver allows ($name)', ({ real }) => {
  const harnesses: Partial<Record<string, Harness>> = {};
  beforeAll(async () => {
    if (real === null) return;
    for (const [key, options] of Object.entries({
      admin_api: { mode: 'admin_api' as Mode },
      shared_secret_without_admin_token: { mode: 'shared_secret' as Mode, withAdminToken: false },
    })) {
      harnesses[key] = await startHarness({
        ...options,
        ...(real ? { realHomeserver: { ...real, adminToken: options.withAdminToken === false ? undefined : real.adminToken } } : {}),
      });
    }
  });
  afterAll(async () => {
    for (const h of Object.values(harnesses)) await h?.close();
  });

  it.skipIf(real === null)('a name with "+" is refused at the first call with the homeserver\'s reason (admin token)', async () => {
    const answer = await harnesses.admin_api!.post(REGISTER, {
      username: `plus+${Math.random().toString(36).slice(2, 8)}`,
      password: 'correct horse battery',
    });
    expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_USERNAME' } });
    expect(answer.body.error).not.toContain('+');
    expect(answer.body.error).toMatch(/a-z, 0-9/);
  });

  it.skipIf(real === null)('without an admin token the refusal comes at creation, with the same reason', async () => {
    const h = harnesses.shared_secret_without_admin_token!;
    const first = await h.post(REGISTER, { username: `plus+${Math.random().toString(36).slice(2, 8)}`, password: 'correct horse battery' });
    const session = first.body.session;
    await h.post(REGISTER, { auth: { session, type: 'm.login.terms' } });
    const answer = await h.post(REGISTER, { auth: { session, type: 'm.login.dummy' } });
    expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_INVALID_USERNAME' } });
    expect(answer.body.error).not.toContain('+');
  });
});
