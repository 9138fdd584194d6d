/**
 * Mail through the outbox: a part without a mail client of its own (the register function, kept small)
 * keeps each mail as an outbox task, and a part with one (the sweep, every minute in AWS) sends it, at
 * least once, retried until it goes. The task's key is a keyed hash of the mail, so the marker that
 * outlives the task names no address, and the same mail kept twice is sent once.
 */
import type { KeyedHash } from '../crypto/keyed-hash.js';
import type { Mailer, OutgoingEmail } from '../ports/notify.js';
import type { OutboxExecutor } from '../ports/outbox.js';
import type { OutboxRunner } from './outbox-runner.js';

export const MAIL_KIND = 'mail';

/** A Mailer whose `send` resolves once the mail is kept (not sent); it rejects only when it cannot be kept. */
export function outboxMailer(runner: Pick<OutboxRunner, 'enqueue'>, hasher: KeyedHash): Mailer {
  return {
    send: async (mail) => {
      const { to, subject, text, html } = mail;
      const key = `${MAIL_KIND}:${hasher.hash('outbox-mail', JSON.stringify([to, subject, text, html]))}`;
      await runner.enqueue([{ key, kind: MAIL_KIND, body: { to, subject, text, html } }]);
    },
  };
}

/** The executor that sends a kept mail with a part's own mailer. */
export function mailExecutor(mailer: Mailer): OutboxExecutor {
  return (body) => mailer.send(body as unknown as OutgoingEmail);
}
