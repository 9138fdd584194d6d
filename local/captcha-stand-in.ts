/**
 * A captcha verification stand-in over real HTTP, speaking the siteverify form of reCAPTCHA v2,
 * hCaptcha and Turnstile. A response `pass:<hostname>` verifies once (as solved on that hostname);
 * anything else fails, as a wrong secret does. `down` makes it answer 503.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaptchaCall {
  secret: string;
  response: string;
  remoteip?: string;
  sitekey?: string;
}

export interface CaptchaStandIn {
  url: string;
  calls: CaptchaCall[];
  down: boolean;
  stop(): Promise<void>;
}

export async function startCaptchaStandIn(secret: string): Promise<CaptchaStandIn> {
  const used = new Set<string>();
  const state: CaptchaStandIn = { url: '', calls: [], down: false, stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (state.down) return answer(503, { error: 'unavailable' });
      if (req.method !== 'POST') return answer(405, { error: 'method' });
      const form = new URLSearchParams(text);
      const call: CaptchaCall = {
        secret: form.get('secret') ?? '',
        response: form.get('response') ?? '',
        remoteip: form.get('remoteip') ?? undefined,
        sitekey: form.get('sitekey') ?? undefined,
      };
      state.calls.push(call);
      if (call.secret !== secret) return answer(200, { success: false, 'error-codes': ['invalid-input-secret'] });
      const hostname = call.response.match(/^pass:([a-z0-9.-]+)(?::\w+)?$/)?.[1];
      if (!hostname) return answer(200, { success: false, 'error-codes': ['invalid-input-response'] });
      if (used.has(call.response)) return answer(200, { success: false, 'error-codes': ['timeout-or-duplicate'] });
      used.add(call.response);
      return answer(200, { success: true, hostname, challenge_ts: new Date().toISOString() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`;
  state.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
