/**
 * What the suite asks a real Synapse directly, beside the front door: its admin API (the account, its
 * devices, who holds an address) and its client API (whoami, devices) with the token a sign-up got.
 */
import { randomBytes } from 'node:crypto';
import type { RealSynapse } from './env.js';

export interface SynapseAnswer {
  status: number;
  body: any;
}

export interface Device {
  device_id: string;
  display_name: string | null;
}

export class SynapseApi {
  constructor(private readonly synapse: Pick<RealSynapse, 'url' | 'serverName' | 'adminToken'>) {}

  async call(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<SynapseAnswer> {
    const res = await fetch(`${this.synapse.url}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: the test shows it */
    }
    return { status: res.status, body };
  }

  private admin(method: string, path: string, body?: unknown) {
    return this.call(method, path, { body, token: this.synapse.adminToken });
  }

  userId(localpart: string): string {
    return `@${localpart}:${this.synapse.serverName}`;
  }

  /** The account as the admin API shows it, or undefined when there is none. */
  async user(userId: string): Promise<{ name: string; threepids: { medium: string; address: string }[]; deactivated: number } | undefined> {
    const answer = await this.admin('GET', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`GET user ${userId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async addresses(userId: string): Promise<string[]> {
    return ((await this.user(userId))?.threepids ?? []).map((t) => `${t.medium}:${t.address}`).sort();
  }

  async devices(userId: string): Promise<Device[]> {
    const answer = await this.admin('GET', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}/devices`);
    if (answer.status !== 200) throw new Error(`GET devices of ${userId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.devices;
  }

  /** Who holds an address, through the lookup endpoint (Synapse 1.72, or the patched 1.67). */
  async ownerOf(medium: 'email' | 'msisdn', address: string): Promise<string | undefined> {
    const answer = await this.admin('GET', `/_synapse/admin/v1/threepid/${medium}/users/${encodeURIComponent(address)}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`threepid lookup: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.user_id;
  }

  /** Makes an account outside the front door (as an admin or another tenant would), optionally holding addresses. */
  async createElsewhere(localpart: string, threepids: { medium: string; address: string }[] = []): Promise<string> {
    const userId = this.userId(localpart);
    const answer = await this.admin('PUT', `/_synapse/admin/v2/users/${encodeURIComponent(userId)}`, {
      password: randomBytes(12).toString('hex'),
      threepids,
    });
    if (answer.status !== 201) throw new Error(`create ${userId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return userId;
  }

  async whoami(accessToken: string): Promise<SynapseAnswer> {
    return this.call('GET', '/_matrix/client/v3/account/whoami', { token: accessToken });
  }

  /** The devices the account's own token sees (client API). */
  async ownDevices(accessToken: string): Promise<Device[]> {
    const answer = await this.call('GET', '/_matrix/client/v3/devices', { token: accessToken });
    if (answer.status !== 200) throw new Error(`GET /devices: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.devices;
  }
}

const RUN = randomBytes(3).toString('hex');
let counter = 0;

/**
 * A localpart no earlier run used: Synapse's database outlives the run and never frees a name. Hex only, so
 * no name is all digits (Synapse keeps those for guests).
 */
export function freshName(prefix: string): string {
  return `${prefix}${RUN}${randomBytes(2).toString('hex')}${counter++}`;
}

/** A UK mobile number (the national form and its E.164 digits) nobody on this Synapse holds yet. */
export async function freshPhone(api: SynapseApi): Promise<{ national: string; msisdn: string; e164: string }> {
  for (;;) {
    const digits = String(100000 + (randomBytes(4).readUInt32BE() % 900000));
    const msisdn = `447400${digits}`;
    if (!(await api.ownerOf('msisdn', msisdn))) return { national: `07400 ${digits}`, msisdn, e164: `+${msisdn}` };
  }
}
