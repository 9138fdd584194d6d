/** The SmsSender port on Amazon SNS: one transactional Publish straight to an E.164 phone number. */
import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import { NotifyError, type SmsSender } from '../../ports/index.js';
import { notifyFailure } from '../aws-failure.js';

export interface SnsSmsSenderOptions {
  /** Alphanumeric sender ID (1–11 characters, at least one letter); ignored by carriers that do not support it. */
  senderId?: string;
  /** An E.164 number or pool registered in AWS End User Messaging to send from. */
  originationNumber?: string;
  /** The most to spend on one message, in US dollars, e.g. `"0.50"`. */
  maxPriceUsd?: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

// SNS throttles KMS with HTTP 400, so names decide first; the wire code and the SDK's name are both listed.
const UNAVAILABLE = new Set([
  'Throttled',
  'ThrottledException',
  'Throttling',
  'InternalError',
  'InternalErrorException',
  'KMSThrottling',
  'KMSThrottlingException',
  'TimeoutError',
]);
const REJECTED = new Set(['InvalidParameter', 'InvalidParameterException', 'OptedOut', 'OptedOutException']);

export function snsSmsSender(client: SNSClient, opts: SnsSmsSenderOptions = {}): SmsSender {
  const attributes = smsAttributes(opts);
  return {
    async send({ to, body }) {
      // Refused here so that a malformed number never reaches SNS (and never lands in an SNS error).
      if (!E164.test(to)) throw new NotifyError('rejected', 'SNS Publish refused: the number is not E.164');
      try {
        await client.send(new PublishCommand({ PhoneNumber: to, Message: body, MessageAttributes: attributes }));
      } catch (error) {
        throw notifyFailure('SNS Publish', error, { unavailable: UNAVAILABLE, rejected: REJECTED });
      }
    },
  };
}

/** Checks the options once, at set-up, and builds the attributes every message carries. */
function smsAttributes(opts: SnsSmsSenderOptions): Record<string, MessageAttributeValue> {
  const { senderId, originationNumber, maxPriceUsd } = opts;
  if (senderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId)) {
    throw new Error('snsSmsSender: senderId must be 1-11 letters or digits, with at least one letter');
  }
  if (originationNumber !== undefined && !E164.test(originationNumber)) {
    throw new Error('snsSmsSender: originationNumber must be an E.164 number');
  }
  if (maxPriceUsd !== undefined && !/^\d{1,4}(\.\d{1,5})?$/.test(maxPriceUsd)) {
    throw new Error('snsSmsSender: maxPriceUsd must be a decimal amount such as "0.50"');
  }
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    'AWS.SNS.SMS.SMSType': text('Transactional'),
    ...(senderId === undefined ? {} : { 'AWS.SNS.SMS.SenderID': text(senderId) }),
    ...(originationNumber === undefined ? {} : { 'AWS.MM.SMS.OriginationNumber': text(originationNumber) }),
    ...(maxPriceUsd === undefined ? {} : { 'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: maxPriceUsd } }),
  };
}
