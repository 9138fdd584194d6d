/**
 * Hardening 14: email addresses with control characters, NUL, DEL, bidirectional overrides or zero-width
 * characters are refused at requestToken (400 M_INVALID_PARAM: the spec has no M_INVALID_EMAIL) and
 * nothing is mailed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, THREEPID, type Harness } from '../support/harness.js';
import { EMAIL_TOKEN } from '../support/constants.js';

const HOSTILE: [string, string][] = [
  ['NUL', 'nul\u0000@example.org'],
  ['BEL (a C0 control)', 'bell\u0007ringer@example.org'],
  ['ESC', 'esc\u001b[31m@example.org'],
  ['DEL', 'del\u007f@example.org'],
  ['a C1 control', 'c1\u0085x@example.org'],
  ['right-to-left override', 'gro.elpmaxe\u202e@example.org'],
  ['left-to-right embedding', 'lre\u202a@example.org'],
  ['right-to-left isolate', 'rli\u2067x@example.org'],
  ['pop directional isolate', 'pdi\u2069x@example.org'],
  ['zero-width space', 'zw\u200bsp@example.org'],
  ['zero-width joiner', 'zw\u200dj@example.org'],
  ['word joiner', 'word\u2060joiner@example.org'],
  ['byte-order mark inside', 'bo\ufeffm@example.org'],
];

describe('hardening 14: email addresses with control or invisible characters', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ messaging: true, config: { registration: { flows: [['m.login.email.identity']] }, threepid: THREEPID } });
  });
  afterAll(() => h.close());

  it('refuses each with 400 M_INVALID_PARAM and mails nothing', async () => {
    let n = 0;
    for (const [name, email] of HOSTILE) {
      const answer = await h.post(EMAIL_TOKEN, { client_secret: `cs-${++n}`, email, send_attempt: 1 });
      expect(answer.status, name).toBe(400);
      expect(answer.body.errcode, name).toBe('M_INVALID_PARAM');
    }
    expect(await h.mail!.mails()).toHaveLength(0);
    expect((await h.items()).filter((item) => String(item.pk).startsWith('threepid#'))).toHaveLength(0);
  });

  it('still accepts ordinary addresses, including non-ASCII letters and surrounding spaces', async () => {
    for (const email of ['jörg@example.org', '  plain@example.org ', 'first.last+tag@example.org']) {
      const answer = await h.post(EMAIL_TOKEN, { client_secret: 'cs-fine', email, send_attempt: 1 });
      expect(answer.status, email).toBe(200);
    }
  });
});
