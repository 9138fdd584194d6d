/** The SMS outbox itself: SNS's Query answers for bad requests, the JSON list and the escaped web page. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmsOutbox, type SmsOutbox } from '../../local/sms-outbox/index.js';

let outbox: SmsOutbox;
beforeAll(async () => {
  outbox = await startSmsOutbox();
});
afterAll(() => outbox.stop());
beforeEach(() => outbox.clear());

function post(form: Record<string, string>): Promise<Response> {
  return fetch(outbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

const publish = (fields: Record<string, string>) => post({ Action: 'Publish', Version: '2010-03-31', ...fields });

describe('the SMS outbox speaks SNS Query', () => {
  it('answers a Publish with a PublishResponse and keeps the message', async () => {
    const response = await publish({ PhoneNumber: '+447700900123', Message: 'code 123456' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const xml = await response.text();
    expect(xml).toMatch(
      /^<PublishResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><PublishResult><MessageId>[\w-]+<\/MessageId>/,
    );
    expect(xml).toContain(`<RequestId>${response.headers.get('x-amzn-requestid')}</RequestId>`);
    expect(outbox.messages()).toMatchObject([{ to: '+447700900123', body: 'code 123456', attributes: {} }]);
  });

  it.each([
    [{}, 'no value for required parameter'],
    [{ PhoneNumber: '07700900123' }, 'not an E.164 number'],
    [{ PhoneNumber: '+447700900123<x>' }, 'not an E.164 number'],
  ])('refuses the phone number in %j with a 400 InvalidParameter', async (fields, reason) => {
    const response = await publish({ Message: 'hello', ...fields });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain('<Error><Type>Sender</Type><Code>InvalidParameter</Code>');
    expect(xml).toContain(reason);
    expect(xml).not.toContain('<x>');
    expect(outbox.messages()).toEqual([]);
  });

  it('refuses an unknown Action with a 400 InvalidAction', async () => {
    const response = await post({ Action: 'CreateTopic<script>', Name: 't' });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toContain('<Code>InvalidAction</Code>');
    expect(xml).toContain('CreateTopic&#60;script&#62;');
  });

  it('spends an injected fault on one request only', async () => {
    outbox.injectFault({ kind: 'internal' });
    expect((await publish({ PhoneNumber: '+447700900123', Message: 'a' })).status).toBe(500);
    expect((await publish({ PhoneNumber: '+447700900123', Message: 'b' })).status).toBe(200);
  });
});

describe('the SMS outbox for people', () => {
  it('lists the messages as JSON in the order they were sent', async () => {
    await publish({ PhoneNumber: '+447700900001', Message: 'first' });
    await publish({ PhoneNumber: '+447700900002', Message: 'second' });
    const response = await fetch(`${outbox.url}/messages`);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(((await response.json()) as { body: string }[]).map((m) => m.body)).toEqual(['first', 'second']);
  });

  it('shows the messages newest first on an HTML page, escaping what they hold', async () => {
    await publish({ PhoneNumber: '+447700900001', Message: 'older' });
    await publish({ PhoneNumber: '+447700900002', Message: '<script>alert("x")</script> & code 654321' });
    const response = await fetch(outbox.url);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; code 654321');
    expect(html.indexOf('654321')).toBeLessThan(html.indexOf('older'));
  });

  it('says so when nothing was sent yet', async () => {
    expect(await (await fetch(outbox.url)).text()).toContain('No SMS sent yet');
  });
});
