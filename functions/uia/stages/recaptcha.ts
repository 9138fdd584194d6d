/**
 * `m.login.recaptcha`: the captcha response is verified with the tenant's provider (reCAPTCHA v2,
 * hCaptcha or Turnstile), and it must have been solved on one of the tenant's own hostnames.
 */
import type { CaptchaConfig } from './captcha-config.js';
import { wired, type GatingStageDeps } from './gating-stage-deps.js';
import { ErrCode } from '../../matrix/errcodes.js';
import { LoginType } from '../../matrix/login-types.js';
import { rethrowForClient } from '../../matrix/port-failures.js';
import { fail, pass, type Stage } from './stage.js';

const MAX_RESPONSE_LENGTH = 8192;

export function recaptchaStage(config: CaptchaConfig, deps: GatingStageDeps): Stage<typeof LoginType.Recaptcha> {
  const params = { public_key: config.publicKey, provider: config.provider };
  const hostnames = new Set(config.hostnames);
  return {
    type: LoginType.Recaptcha,
    params: () => params,
    async check({ auth, session, clientIp, now }) {
      const response = auth.response;
      if (typeof response !== 'string' || response === '') return fail(ErrCode.CaptchaNeeded, 'Captcha response is required');
      if (response.length > MAX_RESPONSE_LENGTH) return fail(ErrCode.CaptchaInvalid, 'Captcha response is not valid');
      const answer = await wired(deps.captcha, 'captcha verifier').verify(response, clientIp).catch(rethrowForClient);
      if (!answer.success) return fail(ErrCode.CaptchaInvalid, 'Captcha authentication failed');
      if (!answer.hostname || !hostnames.has(answer.hostname.toLowerCase()))
        return fail(ErrCode.CaptchaInvalid, 'Captcha was solved for another site');
      // Only the session's first gate pass grants sends; the gate refuses a second grant itself.
      await deps.gate?.grant(session, clientIp, now);
      return pass({ provider: config.provider, hostname: answer.hostname });
    },
  };
}
