/** A captcha provider's server-side check. */

/** What a captcha provider answered about one response: reCAPTCHA v2, hCaptcha and Turnstile share this shape. */
export interface CaptchaAnswer {
  success: boolean;
  hostname?: string;
  errorCodes: string[];
}

/** The provider's server-side verification. Throws CaptchaUnavailable when the provider cannot be reached. */
export interface CaptchaVerifier {
  verify(response: string, clientIp: string): Promise<CaptchaAnswer>;
}

export class CaptchaUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptchaUnavailable';
  }
}
