/**
 * What each step of the hosted sign-up page weighs on the wire: its HTML and every stylesheet and script it
 * references (read from the page itself, so a file added later counts too), raw and gzip-compressed. A
 * front door of its own with a `pages` config, on the bench's DynamoDB Local and development homeserver;
 * mail and SMS are kept in memory (the code is read from the SMS to reach the done page).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { buildFrontDoor } from '../../functions/compose/build.js';
import { parseTenantConfig } from '../../functions/config/tenant-config.js';
import { silentLogger } from '../../functions/model/log.js';
import { createTenantTable } from '../../local/create-table.js';
import { freshName, PASSWORD } from './client.js';
import type { Rig } from './stand-ins.js';

export const PAGE_PATH = '/signup';

/** One file a page loads: its URL (relative to the front door) and its bytes. */
export interface PageAsset {
  url: string;
  kind: 'html' | 'css' | 'js';
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  /** The step, as the person sees it. */
  page: string;
  /** `data-step` on the page's `<main>`. */
  step: string;
  status: number;
  assets: PageAsset[];
  /** Scripts and stylesheets from elsewhere (a captcha provider's), not counted. */
  excluded: string[];
  bytes: number;
  gzipBytes: number;
}

const lots = { max: 1_000_000, windowSeconds: 3600 };

/** Three flows, so the flow choice shows; email and phone each reach their own steps. */
function pagesConfigInput(rig: Rig, tableName: string): Record<string, unknown> {
  return {
    serverName: rig.homeserver.serverName,
    homeserver: { url: rig.homeserver.url, mode: 'shared_secret', timeoutMs: 10_000 },
    registration: {
      flows: [
        ['m.login.terms', 'm.login.email.identity'],
        ['m.login.terms', 'm.login.msisdn'],
        ['m.login.terms', 'm.login.dummy'],
      ],
    },
    terms: { policies: { terms_of_service: { version: '1.0', en: { name: 'Terms of Service', url: 'https://bench.local/terms-1.0' } } } },
    threepid: {
      brandName: 'Bench Chat',
      publicBaseUrl: 'https://matrix.bench.local',
      email: { from: 'Bench Chat <no-reply@bench.local>' },
      msisdn: {},
      rateLimits: { perAddress: lots, perClientIp: lots },
    },
    pages: { brand: { name: 'Bench Chat', supportUrl: 'https://bench.local/help' } },
    rateLimits: { register: lots, available: lots, tokenValidity: lots },
    username: { holdsPerClientIp: 1_000_000 },
    tableName,
  };
}

/** A browser reduced to what the page needs: one cookie, the CSRF field of the last form. */
class PageClient {
  private cookie = '';
  private csrf = '';

  constructor(private readonly base: string) {}

  async get(path: string): Promise<{ status: number; html: string; location?: string }> {
    return this.request(path, { method: 'GET' });
  }

  /** GET, following the page's own redirects. */
  async open(path: string) {
    let answer = await this.get(path);
    for (let hops = 0; answer.location && hops < 5; hops++) answer = await this.get(answer.location);
    return answer;
  }

  /** POST a step's form (with the CSRF field of the last page unless given), then follow its redirect. */
  async submit(fields: Record<string, string>, csrf = this.csrf) {
    const answer = await this.request(PAGE_PATH, {
      method: 'POST',
      body: new URLSearchParams({ csrf, ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return answer.location ? this.open(answer.location) : answer;
  }

  private async request(path: string, init: RequestInit) {
    const headers = {
      ...(init.headers as Record<string, string>),
      'accept-language': 'en',
      ...(this.cookie ? { cookie: this.cookie } : {}),
    };
    const response = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const html = await response.text();
    this.csrf = html.match(/name="csrf" value="([^"]*)"/)?.[1] ?? this.csrf;
    return { status: response.status, html, location: response.headers.get('location') ?? undefined };
  }
}

/** The stylesheets and scripts a page references, by attribute (in whatever order the attributes come). */
export function referencedAssets(html: string): { url: string; kind: 'css' | 'js' }[] {
  const found: { url: string; kind: 'css' | 'js' }[] = [];
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  const value = (m: RegExpMatchArray | null) => (m ? (m[1] ?? m[2] ?? m[3]) : undefined);
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = value(attr(tag, 'src'));
    if (src) found.push({ url: decodeEntities(src), kind: 'js' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = value(attr(tag, 'rel'))?.toLowerCase().split(/\s+/) ?? [];
    const href = value(attr(tag, 'href'));
    if (href && rel.includes('stylesheet')) found.push({ url: decodeEntities(href), kind: 'css' });
  }
  return found;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&#47;/g, '/');

const gzipSize = (body: Buffer) => gzipSync(body).length;

/** Fetches every step of the page once, with what it loads. */
export async function measurePageWeight(rig: Rig): Promise<PageWeight[]> {
  const db = new DynamoDBClient({});
  const tableName = `bench-pages-${randomBytes(4).toString('hex')}`;
  await createTenantTable(db, tableName);
  const config = parseTenantConfig(pagesConfigInput(rig, tableName));
  const sms = new Map<string, string>();
  const app = buildFrontDoor({
    config,
    secrets: rig.secrets,
    dynamo: db,
    log: silentLogger,
    mailer: { send: async () => {} },
    sms: { send: async (m) => void sms.set(m.to, m.body) },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const assets = new Map<string, Promise<PageAsset>>();
  const weigh = async (page: string, expected: string, answer: { status: number; html: string }): Promise<PageWeight> => {
    const step = answer.html.match(/<main data-step="([^"]+)"/)?.[1] ?? '?';
    // A walk that went astray would weigh the wrong page: fail loudly instead.
    if (step !== expected) {
      const alert = answer.html.match(/role="alert">([^<]*)/)?.[1] ?? '';
      throw new Error(`page weight: expected the ${expected} step for "${page}", got ${step} (HTTP ${answer.status}) ${alert}`);
    }
    const html = Buffer.from(answer.html);
    const own: PageAsset[] = [{ url: `${page} (HTML)`, kind: 'html', bytes: html.length, gzipBytes: gzipSize(html) }];
    const excluded: string[] = [];
    for (const ref of referencedAssets(answer.html)) {
      const url = new URL(ref.url, `${base}${PAGE_PATH}`);
      if (url.origin !== base) {
        excluded.push(url.href);
        continue;
      }
      const key = `${url.pathname}${url.search}`;
      if (!assets.has(key)) assets.set(key, fetchAsset(url, key, ref.kind));
      own.push(await assets.get(key)!);
    }
    const sum = (f: (a: PageAsset) => number) => own.reduce((n, a) => n + f(a), 0);
    return { page, step, status: answer.status, assets: own, excluded, bytes: sum((a) => a.bytes), gzipBytes: sum((a) => a.gzipBytes) };
  };
  try {
    const weights: PageWeight[] = [];
    const account = { username: '', password: PASSWORD, password_confirm: PASSWORD };
    const terms = { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' };

    // The phone sign-up: flow choice, account, terms, phone, code, done.
    const phone = new PageClient(base);
    weights.push(await weigh('flow choice', 'flow', await phone.open(PAGE_PATH)));
    weights.push(await weigh('account', 'account', await phone.submit({ step: 'flow', flow: '1' })));
    weights.push(await weigh('terms', 'm.login.terms', await phone.submit({ step: 'account', ...account, username: freshName('page') })));
    weights.push(await weigh('phone', 'm.login.msisdn', await phone.submit(terms)));
    weights.push(await weigh('code', 'msisdn_code', await phone.submit({ step: 'm.login.msisdn', country: 'GB', phone: '07400 123456' })));
    const code = sms.get('+447400123456')?.match(/\b(\d{6})\b/)?.[1] ?? '000000';
    weights.push(await weigh('done', 'done', await phone.submit({ step: 'msisdn_code', code })));

    // The email sign-up, up to "check your mail".
    const email = new PageClient(base);
    await email.open(PAGE_PATH);
    await email.submit({ step: 'flow', flow: '0' });
    await email.submit({ step: 'account', ...account, username: freshName('page') });
    weights.push(await weigh('email', 'm.login.email.identity', await email.submit(terms)));
    weights.push(
      await weigh('check your mail', 'email_sent', await email.submit({ step: 'm.login.email.identity', email: 'page@bench.local' })),
    );

    // An error page: a form whose CSRF field does not match its cookie.
    const refused = new PageClient(base);
    await refused.open(PAGE_PATH);
    weights.push(await weigh('error (form refused)', 'csrf', await refused.submit({ step: 'flow', flow: '0' }, 'not-the-csrf')));
    return weights;
  } finally {
    server.close();
    db.destroy();
  }
}

async function fetchAsset(url: URL, key: string, kind: 'css' | 'js'): Promise<PageAsset> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`page weight: ${key} answered HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { url: key, kind, bytes: body.length, gzipBytes: gzipSize(body) };
}
