/** The SNS SMS sender through the real SNSClient against the loopback outbox, its faults and their mapping. */
import { SNSClient } from '@aws-sdk/client-sns';
import { beforeEach, describe, expect, it } from 'vitest';
import { snsSmsSender } from '../../functions/adapters/sns/sns-sms-sender.js';
import { unhurriedHandler } from '../../functions/adapters/aws/http-handler.js';
import { NotifyError } from '../../functions/ports/index.js';
import { startSmsOutbox, type SmsFault } from '../../local/sms-outbox/index.js';
import { useStarted } from '../support/use-harness.js';
import { LOCAL_AWS, rejectionOf } from '../support/local-aws.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const TO = '+15555550100';
const CODE_SMS = 'Your Example Chat code is 482913';

function snsClient(endpoint: string, maxAttempts = 1): SNSClient {
  // Over the functions' own transport, as the Lambda bundles send (issue 18).
  return new SNSClient({ ...LOCAL_AWS, endpoint, maxAttempts, requestHandler: unhurriedHandler() });
}

async function failureOf(promise: Promise<unknown>): Promise<NotifyError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(NotifyError);
  const failure = error as NotifyError;
  const everything = `${failure.message} ${failure.stack} ${JSON.stringify(failure)}`;
  expect(everything).not.toContain('482913');
  expect(everything).not.toContain('5555550100');
  return failure;
}

describe('snsSmsSender against the SMS outbox', () => {
  const outbox = useStarted(startSmsOutbox, (outbox) => outbox.stop());
  beforeEach(() => outbox.clear());

  it('publishes the text to the number as a transactional SMS', async () => {
    await snsSmsSender(snsClient(outbox.url)).send({ to: TO, body: CODE_SMS });
    expect(outbox.messages()).toEqual([
      { to: TO, body: CODE_SMS, attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' }, at: expect.any(Number) },
    ]);
  });

  it('adds the sender ID, origination number and price cap when configured', async () => {
    const opts = { senderId: 'ExampleChat', originationNumber: '+15555550199', maxPriceUsd: '0.50' };
    await snsSmsSender(snsClient(outbox.url), opts).send({ to: TO, body: 'Grüße & <code> 1+1' });
    const [sms] = outbox.messages();
    expect(sms?.body).toBe('Grüße & <code> 1+1');
    expect(sms?.attributes).toEqual({
      'AWS.SNS.SMS.SMSType': 'Transactional',
      'AWS.SNS.SMS.SenderID': 'ExampleChat',
      'AWS.MM.SMS.OriginationNumber': '+15555550199',
      'AWS.SNS.SMS.MaxPrice': '0.50',
    });
  });

  it.each([
    ['throttled', 'unavailable'],
    ['internal', 'unavailable'],
    ['down', 'unavailable'],
    ['rejected', 'rejected'],
  ] as const)('maps a %s SNS to %s, with neither the text nor the number in the error', async (kind, expected) => {
    outbox.injectFault({ kind });
    const failure = await failureOf(snsSmsSender(snsClient(outbox.url)).send({ to: TO, body: CODE_SMS }));
    expect(failure.kind).toBe(expected);
    expect(outbox.messages()).toEqual([]);
  });

  it.each(['internal', 'down'] as const)('delivers once the SDK retries past one %s fault', async (kind) => {
    outbox.injectFault({ kind, times: 1 });
    await snsSmsSender(snsClient(outbox.url, 2)).send({ to: TO, body: CODE_SMS });
    expect(outbox.messages().map((m) => m.body)).toEqual([CODE_SMS]);
  });

  it('gives up when every attempt is throttled', async () => {
    const fault: SmsFault = { kind: 'throttled', times: 2 };
    outbox.injectFault(fault);
    const failure = await failureOf(snsSmsSender(snsClient(outbox.url, 2)).send({ to: TO, body: CODE_SMS }));
    expect(failure).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('Throttled') });
    await snsSmsSender(snsClient(outbox.url)).send({ to: TO, body: CODE_SMS });
    expect(outbox.messages()).toHaveLength(1);
  });

  it('refuses a number that is not E.164 without asking SNS', async () => {
    const failure = await failureOf(snsSmsSender(snsClient(outbox.url)).send({ to: '5555550100', body: CODE_SMS }));
    expect(failure.kind).toBe('rejected');
    expect(outbox.messages()).toEqual([]);
  });

  it('reports SNS being unreachable as unavailable', async () => {
    const closed = await startSmsOutbox();
    await closed.stop();
    const failure = await failureOf(snsSmsSender(snsClient(closed.url)).send({ to: TO, body: CODE_SMS }));
    expect(failure.kind).toBe('unavailable');
  });

  it.each([{ senderId: 'Example Chat!' }, { senderId: '123456' }, { originationNumber: '555' }, { maxPriceUsd: 'cheap' }])(
    'refuses the options %j at set-up',
    (opts) => {
      expect(() => snsSmsSender(snsClient(outbox.url), opts)).toThrow(/snsSmsSender/);
    },
  );
});
