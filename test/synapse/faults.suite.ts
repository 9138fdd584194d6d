/**
 * The connection between the front door and a real Synapse failing at each call a sign-up makes, in turn:
 * the answer lost after Synapse did the work, a 502 from a proxy, an answer that comes after the front
 * door gave up. The client retries as told. Each sign-up must end with exactly the account it asked for,
 * its address bound, and no device on Synapse beyond the one handed out (none with inhibit_login).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness, Mode } from '../support/harness.js';
import type { RealSynapse } from './env.js';
import { FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { signUp, type Plan } from './sign-up.js';
import { startFrontDoor } from './sign-up.js';
import { freshName, SynapseApi } from './synapse-api.js';
import { recordFigure } from '../hostile/figures.js';

interface Variant {
  name: string;
  email?: boolean;
  device?: Plan['device'];
}

const VARIANTS: Variant[] = [
  { name: 'no email, no device name' },
  { name: 'no email, a device name', device: { initial_device_display_name: 'Faulty phone' } },
  { name: 'an email, no device name', email: true },
  { name: 'an email and a device name', email: true, device: { initial_device_display_name: 'Faulty laptop' } },
  { name: 'inhibit_login', device: { inhibit_login: true } },
];

/** Short, so that a stalled answer costs a second; the proxy is on loopback and Synapse hashes with 4 rounds. */
const TIMEOUT_MS = 1000;

/** What is wrong after one faulty sign-up, in words (empty when all is right). */
async function problems(api: SynapseApi, plan: Plan, outcome: Awaited<ReturnType<typeof signUp>>): Promise<string[]> {
  const { done, retried } = outcome;
  const userId = api.userId(plan.username);
  const out: string[] = [];
  if (done.status !== 200) return [`final answer ${done.status} ${JSON.stringify(done.body)}`];
  for (const r of retried)
    if (![429, 503].includes(r.status) || typeof r.body?.errcode !== 'string') out.push(`retried a ${r.status} ${JSON.stringify(r.body)}`);
  if (done.body.user_id !== userId) out.push(`user_id ${done.body.user_id}`);
  if (!(await api.user(userId))) out.push('no account on Synapse');
  const devices = await api.devices(userId);
  const handedOut = plan.device?.inhibit_login ? [] : [done.body.device_id];
  const onSynapse = devices.map((d) => d.device_id).sort();
  if (JSON.stringify(onSynapse) !== JSON.stringify(handedOut))
    out.push(`devices on Synapse ${JSON.stringify(onSynapse)}, handed out ${JSON.stringify(handedOut)}`);
  if (!plan.device?.inhibit_login) {
    const whoami = await api.whoami(done.body.access_token);
    if (whoami.status !== 200 || whoami.body.user_id !== userId) out.push(`whoami ${whoami.status} ${JSON.stringify(whoami.body)}`);
    const name = plan.device?.initial_device_display_name;
    const mine = devices.find((d) => d.device_id === done.body.device_id);
    if (name && mine && mine.display_name !== name) out.push(`device name ${JSON.stringify(mine.display_name)}`);
  }
  if (plan.email) {
    const bound = await api.addresses(userId);
    if (JSON.stringify(bound) !== JSON.stringify([`email:${plan.email}`])) out.push(`addresses ${JSON.stringify(bound)}`);
    const owner = await api.ownerOf('email', plan.email);
    if (owner !== userId) out.push(`address owner ${owner}`);
  }
  return out;
}

export function faultsSuite(synapse: RealSynapse, mode: Mode): void {
  describe(`faults between the front door and Synapse (${mode})`, () => {
    const api = new SynapseApi(synapse);
    let proxy: FaultProxy;
    let h: Harness;
    let injected = 0;
    beforeAll(async () => {
      proxy = await startFaultProxy(synapse.url);
      h = await startFrontDoor(synapse, mode, { via: proxy.url, homeserverTimeoutMs: TIMEOUT_MS });
    });
    afterAll(async () => {
      recordFigure(`real Synapse faults injected (${mode})`, injected);
      await h?.close();
      await proxy?.close();
    });

    const planFor = (variant: Variant): Plan => {
      const username = freshName('f');
      return { username, device: variant.device, ...(variant.email ? { email: `${username}@example.org` } : {}) };
    };

    it.runIf(mode === 'shared_secret')(
      'a sign-up registers with the nonce asked for beside the one before it: no nonce call of its own',
      async () => {
        const nonce = 'GET /_synapse/admin/v1/register';
        const register = 'POST /_synapse/admin/v1/register';
        const before = planFor(VARIANTS[0]!);
        expect(await problems(api, before, await signUp(h, before))).toEqual([]);
        // The spare is asked for beside the registration, and not waited for: until Synapse has answered it.
        for (let i = 0; i < 100 && proxy.calls.at(-1) !== nonce; i++) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 50));
        proxy.reset();
        const plan = planFor(VARIANTS[0]!);
        expect(await problems(api, plan, await signUp(h, plan))).toEqual([]);
        const registration = proxy.calls.filter((call) => call === nonce || call === register);
        expect(registration[0], proxy.calls.join(' | ')).toBe(register);
      },
    );

    describe.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
      let calls: string[] = [];
      beforeAll(async () => {
        proxy.reset();
        const plan = planFor(variant);
        const outcome = await signUp(h, plan);
        expect(await problems(api, plan, outcome), 'the sign-up without a fault').toEqual([]);
        calls = [...proxy.calls];
      });

      it.each(FAULTS)(
        '%s at each homeserver call in turn: one account, its address, no orphan device',
        async (fault) => {
          expect(calls.length).toBeGreaterThanOrEqual(2);
          const found: string[] = [];
          for (let nth = 1; nth <= calls.length; nth++) {
            proxy.reset();
            proxy.arm(fault, nth);
            const plan = planFor(variant);
            const outcome = await signUp(h, plan).catch((error: Error) => error);
            const where = proxy.hit ?? `${fault} on call ${nth} (not reached)`;
            if (proxy.hit) injected++;
            const wrong = outcome instanceof Error ? [`the client gave up: ${outcome.message}`] : await problems(api, plan, outcome);
            for (const p of wrong) found.push(`${where}: ${p}`);
          }
          expect(found, `calls of a clean sign-up: ${calls.join(' | ')}`).toEqual([]);
        },
        180_000,
      );
    });
  });
}
