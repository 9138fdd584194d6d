/** Hardening 17: an auth type named like an Object.prototype member is an unknown stage, nothing else. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, startHarness, type Harness } from '../support/harness.js';

describe('hardening 17: auth types named like Object.prototype members get 400 M_UNRECOGNIZED', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])('auth type %s', async (type) => {
    const first = await h.post(REGISTER, { username: `proto${Math.random().toString(36).slice(2, 8)}`, password: 'correct horse battery' });
    const answer = await h.post(REGISTER, { auth: { session: first.body.session, type } });
    expect(answer).toMatchObject({ status: 400, body: { errcode: 'M_UNRECOGNIZED' } });
  });
});
