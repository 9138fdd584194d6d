/** One SMS the outbox kept: its own file, so the server (index.ts) and its page (outbox-page.ts) both import it without a loop. */
export interface SmsMessage {
  to: string;
  body: string;
  /** Message attributes by name, e.g. `AWS.SNS.SMS.SMSType` → `Transactional`. */
  attributes: Record<string, string>;
  /** Epoch milliseconds. */
  at: number;
}
