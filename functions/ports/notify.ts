/** Sending the verification messages (mail, SMS), and the check a request passes before anything is sent. */
import type { ValidationPurpose } from '../model/validation-session.js';

/** One verification mail: a plain-text and an HTML part. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends mail (SES in AWS, a local mail catcher otherwise). Throws NotifyError. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
}

/** Sends one SMS to an E.164 number (SNS in AWS, a local outbox otherwise). Throws NotifyError. */
export interface SmsSender {
  send(sms: { to: string; body: string }): Promise<void>;
}

/** `unavailable`: worth a retry (throttled, down); `rejected`: the provider refused this message. */
export class NotifyError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    message: string,
  ) {
    super(message);
    this.name = 'NotifyError';
  }
}

/** Checks a requestToken against the gating policy before anything is sent (throws MatrixError). */
export interface SendGuard {
  /** `purpose`: what the validation is for (model/validation-session.ts); absent means a sign-up. */
  admit(request: {
    medium: 'email' | 'msisdn';
    address: string;
    clientIp: string;
    gateSession?: string;
    purpose?: ValidationPurpose;
    /** Whether the send gate applies; absent: only to a sign-up (an account stands in for it afterwards). */
    gated?: boolean;
  }): Promise<void>;
  /** Right before a message really goes out (not on an idempotent repeat). */
  beforeSend(medium: 'email' | 'msisdn'): Promise<void>;
}
