/**
 * Server-side captcha verification over HTTP. reCAPTCHA v2, hCaptcha and Turnstile take the same form
 * (`secret`, `response`, `remoteip`) and answer `{success, hostname, "error-codes"}`.
 */
import { CaptchaUnavailable, type CaptchaAnswer, type CaptchaVerifier } from '../../ports/index.js';

export type CaptchaProvider = 'recaptcha' | 'hcaptcha' | 'turnstile';

/** What this adapter needs of the tenant's captcha settings; the composition root hands them over. */
export interface HttpCaptchaOptions {
  provider: CaptchaProvider;
  /** The site key; hCaptcha checks that a response was made for it. */
  publicKey: string;
  /** Overrides the provider's siteverify URL (an enterprise endpoint, or a local stand-in). */
  verifyUrl?: string;
  timeoutMs: number;
}

export const VERIFY_URLS: Record<CaptchaProvider, string> = {
  recaptcha: 'https://www.google.com/recaptcha/api/siteverify',
  hcaptcha: 'https://api.hcaptcha.com/siteverify',
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
};

/** The global `fetch` is looked up when first called: reading it loads undici, which a cold start need not pay for. */
export function httpCaptchaVerifier(
  config: HttpCaptchaOptions,
  secret: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): CaptchaVerifier {
  const url = config.verifyUrl ?? VERIFY_URLS[config.provider];
  return {
    async verify(response, clientIp): Promise<CaptchaAnswer> {
      const form = new URLSearchParams({ secret, response });
      if (clientIp && clientIp !== 'unknown') form.set('remoteip', clientIp);
      // hCaptcha checks that the response was made for this site key.
      if (config.provider === 'hcaptcha') form.set('sitekey', config.publicKey);
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        throw new CaptchaUnavailable(`captcha provider unreachable: ${(error as Error).name}`);
      }
      if (!res.ok) throw new CaptchaUnavailable(`captcha provider answered ${res.status}`);
      const body = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
      if (!body || typeof body.success !== 'boolean') throw new CaptchaUnavailable('captcha provider answered something unexpected');
      const codes = body['error-codes'];
      return {
        success: body.success,
        hostname: typeof body.hostname === 'string' ? body.hostname : undefined,
        errorCodes: Array.isArray(codes) ? codes.map(String) : [],
      };
    },
  };
}
