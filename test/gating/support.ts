/** Helpers for the gating tests: calls from a chosen client IP (as the Lambda event gives it), operator calls. */
import { type CaptchaStandIn, startCaptchaStandIn } from '../../local/captcha-stand-in.js';
import { type Answer, send } from '../support/client.js';
import { OPERATOR_KEY } from '../support/constants.js';
import { type Harness, type HarnessOptions, startHarness } from '../support/harness.js';

export { OPERATOR_KEY, TOKENS, VALIDITY } from '../support/constants.js';

export interface CallOptions {
  method?: string;
  body?: unknown;
  ip?: string;
  headers?: Record<string, string>;
}

/** Calls the app with the client IP in the place the Lambda entries put it: `c.env.event.requestContext.http.sourceIp`. */
export function call(h: Harness, path: string, options: CallOptions = {}): Promise<Answer> {
  return send(h.app, path, {
    method: options.method,
    body: options.body,
    // Sent on every call, a GET too, as these tests always have.
    headers: { 'content-type': 'application/json', ...options.headers },
    ip: options.ip ?? '198.51.100.7',
  });
}

export const operator = (h: Harness, path: string, options: CallOptions = {}) =>
  call(h, path, { ...options, headers: { authorization: `Bearer ${OPERATOR_KEY}`, ...options.headers } });

export const PASSWORD = 'a fine long passphrase';

/** A harness whose captcha stage asks a stand-in siteverify; closing it stops the stand-in too. */
export interface CaptchaHarness extends Harness {
  captcha: CaptchaStandIn;
}

export interface CaptchaHarnessOptions extends HarnessOptions {
  /** The tenant's captcha provider and site key; the hostnames and the verify URL are the stand-in's. */
  captcha: { provider: string; publicKey: string };
}

/** What the send-gate tests share: email sign-ups behind an hCaptcha gate, on admin_api, with mail delivered. */
export const GATED_EMAIL_TENANT = {
  captcha: { provider: 'hcaptcha', publicKey: 'pk' },
  messaging: true,
  mode: 'admin_api',
} satisfies Partial<CaptchaHarnessOptions>;

/** Starts a captcha stand-in that accepts `secret`, and a harness that uses it with that secret. */
export async function startWithCaptcha(secret: string, { captcha, ...options }: CaptchaHarnessOptions): Promise<CaptchaHarness> {
  const standIn = await startCaptchaStandIn(secret);
  const h = await startHarness({
    ...options,
    secrets: { captchaSecret: secret, ...options.secrets },
    config: { ...options.config, captcha: { ...captcha, hostnames: ['chat.example.org'], verifyUrl: standIn.url } },
  });
  const close = h.close;
  return Object.assign(h, {
    captcha: standIn,
    close: async () => {
      await close();
      await standIn.stop();
    },
  });
}
