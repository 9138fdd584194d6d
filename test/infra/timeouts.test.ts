/**
 * The synth check of infra/timeouts.ts: every wait of the request that finishes a sign-up (captcha, decision
 * hook, the creation's homeserver calls, then the first try of the event webhook beside the onboarding) must
 * fit inside 29 s, and the message names the fields to lower.
 */
import { describe, expect, it } from 'vitest';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { functionTimeouts, signupWaits } from '../../infra/timeouts.js';

const tenant = (extra: Record<string, unknown> = {}, homeserverMs = 2000) =>
  parseTenantConfig({
    serverName: 'example.org',
    homeserver: { url: 'https://matrix.example.org', mode: 'admin_api', timeoutMs: homeserverMs },
    registration: { flows: [['m.login.dummy']] },
    ...extra,
  });
const HOOK = { decisionHook: { url: 'https://hooks.example.org/decide', timeoutMs: 3000 } };
const webhook = (timeoutMs: number) => ({ events: { webhook: { url: 'https://hooks.example.org/events', timeoutMs } } });

describe('the timeouts of one registration', () => {
  it('count the decision hook and the first webhook try beside the homeserver calls', () => {
    const waits = signupWaits(tenant({ ...HOOK, ...webhook(4000) }));
    expect(waits.map((w) => [w.fields, w.ms])).toEqual([
      ['decisionHook.timeoutMs', 3000],
      ['homeserver.timeoutMs', 18_000],
      ['events.webhook.timeoutMs', 4000],
    ]);
    // 3000 + 18 000 + 4000 + 2000 own work = 27 000: it fits.
    expect(functionTimeouts(tenant({ ...HOOK, ...webhook(4000) })).problems).toEqual([]);
  });

  it('refuses a hook and a webhook that together pass 29 s, saying what to lower', () => {
    const [problem] = functionTimeouts(tenant({ ...HOOK, ...webhook(6100) })).problems;
    expect(problem).toContain('is 29100 ms, more than the 29000 ms');
    expect(problem).toContain(
      'frontDoor.homeserver.timeoutMs: set it to 1988 or less, or lower frontDoor.decisionHook.timeoutMs, frontDoor.events.webhook.timeoutMs',
    );
    // The advice holds: at that homeserver timeout the same tenant fits.
    expect(functionTimeouts(tenant({ ...HOOK, ...webhook(6100) }, 1988)).problems).toEqual([]);
  });

  it('count the onboarding beside the webhook, whichever takes longer', () => {
    const rooms = { onboarding: { rooms: ['#a:example.org', '#b:example.org'] } };
    // Three homeserver calls of 2000 ms (the display name, two rooms) outlast a 1000 ms webhook.
    expect(signupWaits(tenant({ ...rooms, ...webhook(1000) })).at(-1)).toMatchObject({
      ms: 6000,
      fields: 'homeserver.timeoutMs, onboarding.rooms',
    });
    const [problem] = functionTimeouts(tenant(rooms, 2500)).problems;
    // 9 × 2500 + 3 × 2500 + 2000 = 32 000 ms; 27 000 / 12 = 2250 ms fits.
    expect(problem).toContain('set it to 2250 or less');
    expect(functionTimeouts(tenant(rooms, 2250)).problems).toEqual([]);
  });

  it('keep the message of a tenant with nothing but homeserver calls', () => {
    expect(functionTimeouts(tenant({}, 10_000)).problems[0]).toMatch(
      /^frontDoor\.homeserver\.timeoutMs: one registration may make 9 homeserver calls: 9 × 10000 ms .* set it to 3000 or less$/,
    );
  });
});
