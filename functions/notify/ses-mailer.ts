/** The Mailer port on Amazon SES (v1 SendEmail): one UTF-8 mail with a text and an HTML part. */
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { NotifyError, type Mailer } from '../ports.js';

export interface SesMailerOptions {
  /** The From header, e.g. `Example Chat <no-reply@example.org>`; its domain must be verified in SES. */
  from: string;
  configurationSet?: string;
  /** The identity ARN to send as, when SES sending is authorised across accounts. */
  sourceArn?: string;
}

// SES answers throttling (sending rate or daily quota) with HTTP 400, so these are matched by name.
const UNAVAILABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
  'TimeoutError',
]);
const REJECTED = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'ConfigurationSetDoesNotExistException',
  'ConfigurationSetSendingPausedException',
  'AccountSendingPausedException',
]);

export function sesMailer(client: SESClient, opts: SesMailerOptions): Mailer {
  if (!opts.from.includes('@')) throw new Error('sesMailer: `from` must hold an email address');
  const charset = 'UTF-8';
  return {
    async send(mail) {
      const command = new SendEmailCommand({
        Source: opts.from,
        Destination: { ToAddresses: [mail.to] },
        Message: {
          Subject: { Data: mail.subject, Charset: charset },
          Body: { Text: { Data: mail.text, Charset: charset }, Html: { Data: mail.html, Charset: charset } },
        },
        ConfigurationSetName: opts.configurationSet,
        SourceArn: opts.sourceArn,
      });
      try {
        await client.send(command);
      } catch (error) {
        throw sesFailure(error);
      }
    },
  };
}

/** Names the failure by code and status only: SES error messages can echo the mail, which holds a link. */
function sesFailure(error: unknown): NotifyError {
  const e = (error ?? {}) as AwsErrorShape;
  const code = (e.Code ?? e.name ?? 'UnknownError').replace(/[^\w.-]/g, '').slice(0, 64);
  const status = e.$metadata?.httpStatusCode;
  const what = `SES SendEmail failed: ${code}${status ? ` (HTTP ${status})` : ''}${e.code ? ` ${e.code}` : ''}`;
  return new NotifyError(kindOf([code, e.name ?? ''], e), what);
}

interface AwsErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function kindOf(names: string[], e: AwsErrorShape): NotifyError['kind'] {
  if (names.some((n) => UNAVAILABLE.has(n))) return 'unavailable';
  if (names.some((n) => REJECTED.has(n))) return 'rejected';
  if (e.$retryable) return 'unavailable';
  const status = e.$metadata?.httpStatusCode ?? 0; // 0: no answer at all (network, timeout)
  return status >= 400 && status < 500 && status !== 429 ? 'rejected' : 'unavailable';
}
