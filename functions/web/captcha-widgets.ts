/** The captcha providers' widgets: the script a page loads, the element it fills, the origins its CSP allows. */
import type { CaptchaConfig } from '../uia/stages/captcha-config.js';

export const CAPTCHA_WIDGETS: Record<CaptchaConfig['provider'], { script: string; widget: string; origins: string }> = {
  recaptcha: {
    script: 'https://www.google.com/recaptcha/api.js',
    widget: 'g-recaptcha',
    origins: 'https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/ https://recaptcha.google.com/recaptcha/',
  },
  hcaptcha: { script: 'https://js.hcaptcha.com/1/api.js', widget: 'h-captcha', origins: 'https://hcaptcha.com https://*.hcaptcha.com' },
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
    widget: 'cf-turnstile',
    origins: 'https://challenges.cloudflare.com',
  },
};
