/** SNS's AWS Query wire format, as far as an SMS Publish needs it: the form request and the XML answers. */
import { randomUUID } from 'node:crypto';

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const E164 = /^\+[1-9]\d{1,14}$/;

export interface PublishRequest {
  to: string;
  body: string;
  attributes: Record<string, string>;
}

export interface QueryError {
  status: number;
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
}

export interface QueryAnswer {
  status: number;
  requestId: string;
  xml: string;
}

/** Reads a form-encoded `Action=Publish` request; anything SNS would refuse is a QueryError. */
export function parsePublish(form: URLSearchParams): PublishRequest | QueryError {
  const action = form.get('Action');
  if (action !== 'Publish') {
    return senderError('InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${form.get('Version') ?? '(none)'}`);
  }
  const to = form.get('PhoneNumber');
  if (to === null || to === '') {
    return senderError('InvalidParameter', 'Invalid parameter: PhoneNumber Reason: no value for required parameter');
  }
  if (!E164.test(to)) return senderError('InvalidParameter', 'Invalid parameter: PhoneNumber Reason: not an E.164 number');
  const body = form.get('Message');
  if (body === null || body === '') return senderError('InvalidParameter', 'Invalid parameter: Empty message');
  return { to, body, attributes: messageAttributes(form) };
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` pairs, N counted from 1. */
function messageAttributes(form: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, name] of form) {
    const entry = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
    if (!entry) continue;
    const prefix = `MessageAttributes.entry.${entry[1]}.Value`;
    attributes[name] = form.get(`${prefix}.StringValue`) ?? form.get(`${prefix}.BinaryValue`) ?? '';
  }
  return attributes;
}

export function senderError(code: string, message: string, status = 400): QueryError {
  return { status, type: 'Sender', code, message };
}

export function receiverError(code: string, message: string, status = 500): QueryError {
  return { status, type: 'Receiver', code, message };
}

export function publishAnswer(messageId: string, requestId: string = randomUUID()): QueryAnswer {
  return {
    status: 200,
    requestId,
    xml:
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
  };
}

export function errorAnswer(error: QueryError, requestId: string = randomUUID()): QueryAnswer {
  return {
    status: error.status,
    requestId,
    xml:
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
