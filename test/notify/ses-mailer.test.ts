/** The SES mailer against the real aws-ses-v2-local, and SES's own error answers mapped to NotifyError. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../functions/adapters/ses/ses-mailer.js';
import { unhurriedHandler } from '../../functions/adapters/aws/http-handler.js';
import { NotifyError, type OutgoingEmail } from '../../functions/ports/index.js';
import { startMailCatcher } from '../../local/mail-catcher.js';
import { useStarted } from '../support/use-harness.js';
import { LOCAL_AWS, rejectionOf } from '../support/local-aws.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SECRET_LINK = 'https://door.example.org/submit_token?token=s3cr3t-t0ken';
const mail: OutgoingEmail = {
  to: 'ann@example.net',
  subject: 'Confirm your address for Example Chat ✓',
  text: `Hello! Open ${SECRET_LINK} to confirm. Grüße`,
  html: `<p>Hello! <a href="${SECRET_LINK}">Confirm</a> — Grüße</p>`,
};
const FROM = 'Example Chat <no-reply@example.org>';

const SENT =
  '<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendEmailResult><MessageId>m-1</MessageId>' +
  '</SendEmailResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SendEmailResponse>';

/** An SES error whose message echoes the link, as a careless provider might. */
function sesError(code: string): string {
  return (
    '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
    `<Code>${code}</Code><Message>Refused: ${SECRET_LINK}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`
  );
}

function sesClient(endpoint: string): SESClient {
  // Over the functions' own transport, as the Lambda bundles send (issue 18).
  return new SESClient({ ...LOCAL_AWS, endpoint, maxAttempts: 1, requestHandler: unhurriedHandler() });
}

async function failureOf(promise: Promise<unknown>): Promise<NotifyError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(NotifyError);
  const failure = error as NotifyError;
  expect(`${failure.message} ${failure.stack} ${JSON.stringify(failure)}`).not.toContain('s3cr3t');
  return failure;
}

describe('sesMailer against aws-ses-v2-local', () => {
  const catcher = useStarted(startMailCatcher, (catcher) => catcher.stop());
  beforeEach(() => catcher.clear());

  it('delivers the subject, both parts and the sender to the recipient, in UTF-8', async () => {
    await sesMailer(sesClient(catcher.url), { from: FROM }).send(mail);
    const [caught, ...more] = await catcher.mails();
    expect(more).toEqual([]);
    expect(caught).toMatchObject({ from: FROM, to: [mail.to], subject: mail.subject, text: mail.text, html: mail.html });
    expect(Math.abs(caught!.at - Date.now())).toBeLessThan(5_000);
  });

  it('reports a request SES refuses (here: an empty subject) as rejected, without the mail in the error', async () => {
    const failure = await failureOf(sesMailer(sesClient(catcher.url), { from: FROM }).send({ ...mail, subject: '' }));
    expect(failure.kind).toBe('rejected');
    expect(await catcher.mails()).toEqual([]);
  });

  it('reports SES being unreachable as unavailable', async () => {
    const closed = await startMailCatcher();
    await closed.stop();
    const failure = await failureOf(sesMailer(sesClient(closed.url), { from: FROM }).send(mail));
    expect(failure.kind).toBe('unavailable');
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('refuses a sender without an address at set-up', () => {
    expect(() => sesMailer(sesClient(catcher.url), { from: 'Example Chat' })).toThrow(/from/);
  });
});

describe('sesMailer on the wire, against SES answers written by hand', () => {
  let answer: { status: number; xml: string };
  let lastRequest: URLSearchParams;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      lastRequest = new URLSearchParams(Buffer.concat(chunks).toString());
      res.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.xml);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()));

  it('sends the configuration set, the source ARN and UTF-8 on every part', async () => {
    answer = { status: 200, xml: SENT };
    const sourceArn = 'arn:aws:ses:eu-west-1:111122223333:identity/example.org';
    await sesMailer(sesClient(url), { from: FROM, configurationSet: 'front-door', sourceArn }).send(mail);
    expect(Object.fromEntries(lastRequest)).toMatchObject({
      Action: 'SendEmail',
      Source: FROM,
      'Destination.ToAddresses.member.1': mail.to,
      ConfigurationSetName: 'front-door',
      SourceArn: sourceArn,
      'Message.Subject.Charset': 'UTF-8',
      'Message.Body.Text.Charset': 'UTF-8',
      'Message.Body.Html.Charset': 'UTF-8',
    });
  });

  it.each([
    ['Throttling', 400, 'unavailable'],
    ['ServiceUnavailable', 503, 'unavailable'],
    ['InternalFailure', 500, 'unavailable'],
    ['MessageRejected', 400, 'rejected'],
    ['MailFromDomainNotVerifiedException', 400, 'rejected'],
    ['AccountSendingPausedException', 400, 'rejected'],
    ['SomethingNew', 400, 'rejected'],
    ['SomethingNew', 502, 'unavailable'],
  ] as const)('maps %s (HTTP %i) to %s, naming only the code', async (code, status, kind) => {
    answer = { status, xml: sesError(code) };
    const failure = await failureOf(sesMailer(sesClient(url), { from: FROM }).send(mail));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toContain(code);
    expect(failure.message).not.toContain('Refused');
  });
});
