/** The Mailer port on Amazon SES (v1 SendEmail): one UTF-8 mail with a text and an HTML part. */
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer } from '../../ports/index.js';
import { notifyFailure } from '../aws-failure.js';

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
        throw notifyFailure('SES SendEmail', error, { unavailable: UNAVAILABLE, rejected: REJECTED });
      }
    },
  };
}
