/**
 * How many guesses an attacker gets per hour at SMS codes and mailed tokens, measured by attacking for an
 * hour of test-clock time: each validation dies after its cap of wrong guesses, and new codes are limited
 * by the send limits per address and per client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeInSms, linkInMail, startHarness, THREEPID, type Harness } from '../support/harness.js';
import { TestClock } from '../support/test-clock.js';
import { recordFigure } from './figures.js';
import { EMAIL_TOKEN, MSISDN_TOKEN, SUBMIT_MSISDN } from '../support/constants.js';

const HOUR_MS = 3600_000;

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  // The defaults: 5 wrong codes per validation, 5 sends per address and 20 per client IP an hour.
  h = await startHarness({
    clock,
    messaging: true,
    config: { registration: { flows: [['m.login.msisdn'], ['m.login.email.identity']] }, threepid: THREEPID },
  });
});
afterAll(() => h.close());

describe('guessing codes', () => {
  it("an hour of guessing one phone number's code gets at most cap × sends guesses, and the right code after the cap fails", async () => {
    const started = clock.now();
    let sends = 0;
    let compared = 0;
    let refusedSends = 0;
    for (let attempt = 1; clock.now() - started < HOUR_MS; attempt++) {
      const sent = await h.post(MSISDN_TOKEN, {
        client_secret: 'attacker',
        country: 'GB',
        phone_number: '07400 123456',
        send_attempt: attempt,
      });
      if (sent.status === 429) {
        refusedSends++;
        clock.advance(Number(sent.headers.get('retry-after')) * 1000);
        continue;
      }
      expect(sent.status).toBe(200);
      sends++;
      const code = codeInSms(h, '+447400123456');
      const wrong = (n: number) => String((Number(code) + n) % 1_000_000).padStart(6, '0');
      for (let g = 1; g <= 5; g++) {
        expect((await h.post(SUBMIT_MSISDN, { sid: sent.body.sid, client_secret: 'attacker', token: wrong(g) })).body.success).toBe(false);
        compared++;
      }
      // The sixth try, even with the right code, is refused: the validation is dead.
      expect((await h.post(SUBMIT_MSISDN, { sid: sent.body.sid, client_secret: 'attacker', token: code })).body.success).toBe(false);
      clock.advance(60_000);
    }
    // The send limit is a sliding window (5 an hour here): about 5 in any hour, never more than twice that,
    // since it is at least as strict as a fixed hourly window and any hour spans at most two of those.
    expect(sends).toBeGreaterThanOrEqual(5);
    expect(sends).toBeLessThanOrEqual(10);
    expect(compared).toBe(sends * 5);
    expect(refusedSends).toBeGreaterThan(0);
    recordFigure('SMS code guesses per number per hour', { guesses: compared, sends, chance: compared / 1_000_000 });
  });

  it('a mailed link is 32 random characters and dies after the same cap', async () => {
    const sent = await h.post(EMAIL_TOKEN, { client_secret: 'attacker', email: 'target@example.org', send_attempt: 1 });
    const link = await linkInMail(h, 'target@example.org');
    const token = link.searchParams.get('token')!;
    expect(token).toMatch(/^[0-9A-Za-z]{32,}$/);
    for (let g = 0; g < 5; g++) {
      const guess = new URL(link);
      guess.searchParams.set('token', 'A'.repeat(32 - String(g).length) + g);
      expect((await fetch(guess)).status).toBe(400);
    }
    const page = await (await fetch(link)).text();
    expect(page).toContain('Too many attempts');
    expect(sent.status).toBe(200);
    recordFigure('email token guesses per address per hour', { guesses: 25, tokenBits: Math.floor(token.length * Math.log2(62)) });
  });
});
