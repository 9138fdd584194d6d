/**
 * A verified phone number's country is found once, when requestToken parses the number, and travels with
 * its validation and its stage to the re-check at account creation, which then needs no phone metadata
 * (the register bundle carries none). A record made before the country was kept is judged by its calling code.
 */
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import metadata from 'libphonenumber-js/metadata.min.json' with { type: 'json' };
import { afterEach, describe, expect, it } from 'vitest';
import { sessionKey, validationKey } from '../../functions/adapters/dynamodb/table-schema.js';
import { parsePhone } from '../../functions/threepid/address.js';
import { CALLING_CODES } from '../../functions/threepid/calling-codes.js';
import { countriesOfCallingCode, verifiedPhoneAllowed } from '../../functions/threepid/phone-country.js';
import { MSISDN_TOKEN } from '../support/constants.js';
import { codeInSms, REGISTER, startHarness, THREEPID, type Harness } from '../support/harness.js';

const lists = (allowedCountries: string[] | undefined, deniedCountries: string[] = []) =>
  ({ allowedCountries, deniedCountries }) as Parameters<typeof verifiedPhoneAllowed>[2];

describe('the country of a verified phone number', () => {
  it('keeps the calling codes table equal to the installed libphonenumber-js metadata', () => {
    const table = Object.fromEntries(CALLING_CODES.split('|').map((entry) => [entry.split(' ')[0], entry.split(' ').slice(1)]));
    expect(table).toEqual(metadata.country_calling_codes);
  });

  it('names the countries that share a calling code, and no country for a code it does not know', () => {
    expect(countriesOfCallingCode('447400123456')).toEqual(['GB', 'GG', 'IM', 'JE']);
    expect(countriesOfCallingCode('4915123456789')).toEqual(['DE']);
    expect(countriesOfCallingCode('14165550123')).toContain('CA');
    expect(countriesOfCallingCode('3546111234')).toEqual(['IS']);
    expect(countriesOfCallingCode('8001234567')).toEqual(['']);
  });

  it('finds, for numbers the parser accepts, a country among those of the calling code', () => {
    for (const [number, region] of [
      ['07400 123456', 'GB'],
      ['07797 123456', 'JE'],
      ['416 555 0123', 'CA'],
      ['0151 23456789', 'DE'],
      ['912 345 678', 'PT'],
    ] as const) {
      const parsed = parsePhone(number, region);
      expect(countriesOfCallingCode(parsed.msisdn)).toContain(parsed.country);
    }
  });

  it('judges by the stored country when there is one', () => {
    expect(verifiedPhoneAllowed('14165550123', 'CA', lists(['US']))).toBe(false);
    expect(verifiedPhoneAllowed('14165550123', 'CA', lists(['CA']))).toBe(true);
    expect(verifiedPhoneAllowed('447797123456', 'JE', lists(undefined, ['JE']))).toBe(false);
    expect(verifiedPhoneAllowed('447400123456', 'GB', lists(undefined, ['JE']))).toBe(true);
  });

  it('judges a record without a country by its calling code: allowed when one of its countries is', () => {
    expect(verifiedPhoneAllowed('447400123456', undefined, lists(['GB']))).toBe(true);
    expect(verifiedPhoneAllowed('447400123456', undefined, lists(undefined, ['GB', 'GG', 'IM', 'JE']))).toBe(false);
    expect(verifiedPhoneAllowed('4915123456789', undefined, lists(['FR']))).toBe(false);
    expect(verifiedPhoneAllowed('4915123456789', undefined, lists(undefined, ['FR']))).toBe(true);
  });
});

describe('a phone sign-up and the country kept for its re-check', () => {
  let h: Harness;
  afterEach(() => h.close());

  /** A session with the number 07400 123456 (GB) verified through its msisdn stage; the dummy stage finishes it. */
  async function verifiedPhoneSession(username: string): Promise<{ session: string; sid: string }> {
    const first = await h.post(REGISTER, { username, password: 'correct horse battery' });
    const requested = await h.post(MSISDN_TOKEN, {
      client_secret: `${username}-secret`,
      country: 'GB',
      phone_number: '07400 123456',
      send_attempt: 1,
    });
    expect(requested.status).toBe(200);
    const code = codeInSms(h, '+447400123456');
    const submitted = await fetch(requested.body.submit_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sid: requested.body.sid, client_secret: `${username}-secret`, token: code }),
    });
    expect(await submitted.json()).toEqual({ success: true });
    const creds = { sid: requested.body.sid, client_secret: `${username}-secret` };
    const phone = await h.post(REGISTER, { auth: { type: 'm.login.msisdn', session: first.body.session, threepid_creds: creds } });
    expect(phone.body.completed).toEqual(['m.login.msisdn']);
    return { session: first.body.session, sid: requested.body.sid };
  }

  const item = async (key: Record<string, string>) =>
    unmarshall((await h.db.send(new GetItemCommand({ TableName: h.config.tableName, Key: marshall(key), ConsistentRead: true }))).Item!);

  const start = (msisdn: Record<string, unknown>) =>
    startHarness({
      messaging: true,
      config: {
        threepid: { ...THREEPID, msisdn: { ...THREEPID.msisdn, ...msisdn } },
        registration: { flows: [['m.login.msisdn', 'm.login.dummy']] },
      },
    });

  it('stores the country with the validation and the stage, and refuses at creation by it when the lists changed since', async () => {
    h = await start({ allowedCountries: ['GB', 'JE'] });
    const { session, sid } = await verifiedPhoneSession('grace');
    expect((await item(validationKey(sid))).country).toBe('GB');
    expect((await item(sessionKey(session))).stages['m.login.msisdn']).toMatchObject({ address: '447400123456', country: 'GB' });
    // As a redeploy with a tighter list would: the tenant's lists are read again at account creation.
    h.config.threepid!.msisdn!.allowedCountries = ['JE'];
    const done = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(done.status).toBe(403);
    expect(done.body.errcode).toBe('M_THREEPID_DENIED');
    expect(h.homeserver.getUser('@grace:localhost')).toBeUndefined();
  });

  it('creates the account for a stage recorded before the country was kept, judged by the calling code', async () => {
    h = await start({ allowedCountries: ['GB'] });
    const { session } = await verifiedPhoneSession('heidi');
    // A session in flight when the change was deployed: its stage record has no country.
    await h.db.send(
      new UpdateItemCommand({
        TableName: h.config.tableName,
        Key: marshall(sessionKey(session)),
        UpdateExpression: 'REMOVE stages.#msisdn.country',
        ExpressionAttributeNames: { '#msisdn': 'm.login.msisdn' },
      }),
    );
    expect((await item(sessionKey(session))).stages['m.login.msisdn'].country).toBeUndefined();
    const done = await h.post(REGISTER, { auth: { type: 'm.login.dummy', session } });
    expect(done.status).toBe(200);
    expect(h.homeserver.getUser('@heidi:localhost')!.threepids.map((t) => t.address)).toEqual(['447400123456']);
  });
});
