/** The local mail catcher: its own lifecycle around aws-ses-v2-local (ports, clearing, stopping). */
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { startMailCatcher } from '../../local/mail-catcher.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function sendTo(url: string, subject: string): Promise<unknown> {
  const client = new SESClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: url,
    maxAttempts: 1,
  });
  return client.send(
    new SendEmailCommand({
      Source: 'no-reply@example.org',
      Destination: { ToAddresses: ['bob@example.net'] },
      Message: { Subject: { Data: subject }, Body: { Text: { Data: 'hello' } } },
    }),
  );
}

describe('startMailCatcher', () => {
  it('picks a free port, keeps mails until cleared, and serves its web page', async () => {
    const catcher = await startMailCatcher();
    try {
      expect(catcher.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await sendTo(catcher.url, 'one');
      expect((await catcher.mails()).map((m) => [m.to, m.subject, m.text, m.html])).toEqual([[['bob@example.net'], 'one', 'hello', '']]);
      expect((await fetch(catcher.url)).status).toBe(200);
      await catcher.clear();
      expect(await catcher.mails()).toEqual([]);
    } finally {
      await catcher.stop();
    }
  });

  it('fails to start on a port already taken, instead of pretending to listen', async () => {
    const first = await startMailCatcher();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMailCatcher({ port })).rejects.toThrow(/cannot listen/);
    } finally {
      await first.stop();
    }
  });

  it('stops promptly even while an SDK client holds a keep-alive socket', async () => {
    const catcher = await startMailCatcher();
    await sendTo(catcher.url, 'kept alive');
    const started = Date.now();
    await catcher.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${catcher.url}/store`)).rejects.toThrow();
  });
});
