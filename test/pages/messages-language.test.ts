/** The mails and SMS of a sign-up go out in the language it was made in; the tenant's own templates still win. */
import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../functions/web/i18n/pick-language.js';
import { verificationMessages } from '../../functions/web/messages.js';
import type { StoredMail } from '../../local/mail-catcher.js';
import { codeInSms, type Harness, linkInMail } from '../support/harness.js';
import { useHarness } from '../support/use-harness.js';
import { PageBrowser, stepOf } from './page-browser.js';
import { BRAND, PHONE_PAGE_TENANT } from './page-tenants.js';

const PASSWORD = 'a language password 5e2a';
const TERMS = { step: 'm.login.terms', policy_terms_of_service: 'yes', policy_privacy_policy: 'yes' };
const EMAIL_TOKEN = '/_matrix/client/v3/register/email/requestToken';

/** Opens the page in `lang`, makes the account and accepts the terms: the next step is the address. */
async function upToTheAddress(h: Harness, lang: string, username: string): Promise<PageBrowser> {
  const browser = new PageBrowser(h.app);
  await browser.open(`/signup?lang=${lang}`);
  await browser.submit('/signup', { step: 'account', username, password: PASSWORD, password_confirm: PASSWORD });
  await browser.submit('/signup', TERMS);
  return browser;
}

async function newestMailTo(h: Harness, to: string): Promise<StoredMail> {
  const mail = (await h.mail!.mails()).filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no mail to ${to}`);
  return mail;
}

describe('the mail of an email sign-up', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.terms', 'm.login.email.identity']] },
      threepid: { brandName: 'Example Chat', email: { from: 'Example Chat <no-reply@example.org>' } },
      pages: { brand: BRAND },
    },
  });

  it('is written in German when the sign-up is made in German, and its link still finishes the sign-up', async () => {
    const browser = await upToTheAddress(h, 'de', 'langgerda');
    const sent = await browser.submit('/signup', { step: 'm.login.email.identity', email: 'gerda@example.org' });
    expect(stepOf(sent)).toBe('email_sent');

    const mail = await newestMailTo(h, 'gerda@example.org');
    expect(mail.subject).toBe('Bestätigen Sie Ihre E-Mail-Adresse für Example Chat');
    expect(mail.text).toMatch(/^Guten Tag,\n\nJemand – hoffentlich Sie – erstellt mit dieser E-Mail-Adresse ein Konto bei Example Chat\./);
    expect(mail.text).toContain('innerhalb von 60 Minuten');
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.html).toContain('Meine Adresse bestätigen</a>');
    expect(mail.text).not.toMatch(/Confirm|Hello/);

    const link = await linkInMail(h, 'gerda@example.org');
    const confirmed = await fetch(`${h.url}${link.pathname}${link.search}`, { redirect: 'manual' });
    const back = new URL(confirmed.headers.get('location')!);
    expect(stepOf(await browser.open(`${back.pathname}${back.search}`))).toBe('done');
  });

  it('is a right-to-left HTML mail in Arabic, the brand and the link kept in their own direction', async () => {
    const browser = await upToTheAddress(h, 'ar', 'langamal');
    await browser.submit('/signup', { step: 'm.login.email.identity', email: 'amal@example.org' });

    const mail = await newestMailTo(h, 'amal@example.org');
    expect(mail.subject).toBe('تأكيد عنوان بريدك الإلكتروني على \u2068Example Chat\u2069');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl"><body dir="rtl"/);
    expect(mail.html).toContain('<strong>\u2068Example Chat\u2069</strong>');
    expect(mail.html).toMatch(/<span dir="ltr">https?:\/\/[^<]+submit_token[^<]+<\/span>/);
    expect(mail.html).toContain('تأكيد عنواني</a>');
    expect(mail.text).toMatch(/^مرحبًا،/);
    // The link stands alone on its line, without invisible marks, so mail programs still find it.
    expect(mail.text).toMatch(/\n\nhttps?:\/\/\S+submit_token\S+\n\n/);
  });

  it('keeps the English mail for a sign-up made in English', async () => {
    const browser = await upToTheAddress(h, 'en', 'langerin');
    await browser.submit('/signup', { step: 'm.login.email.identity', email: 'erin@example.org' });
    const mail = await newestMailTo(h, 'erin@example.org');
    expect(mail.subject).toBe('Confirm your email address for Example Chat');
    expect(mail.text).toMatch(/^Hello,\n\nSomeone, hopefully you, is creating an account on Example Chat with this email address\./);
    expect(mail.html).toContain('<html lang="en" dir="ltr">');
  });

  it('through the JSON API follows Accept-Language among the languages the pages offer', async () => {
    const body = { client_secret: 'lang-secret-1', email: 'fabien@example.org', send_attempt: 1 };
    const headers = { 'content-type': 'application/json', 'accept-language': 'fr-CA, en;q=0.5' };
    expect((await h.post(EMAIL_TOKEN, body, { headers })).status).toBe(200);
    expect((await newestMailTo(h, 'fabien@example.org')).subject).toBe('Confirmez votre adresse e-mail pour Example Chat');

    const unknown = { ...body, client_secret: 'lang-secret-2', email: 'xavier@example.org' };
    await h.post(EMAIL_TOKEN, unknown, { headers: { 'content-type': 'application/json', 'accept-language': 'xx' } });
    expect((await newestMailTo(h, 'xavier@example.org')).subject).toBe('Confirm your email address for Example Chat');
  });
});

describe('the tenant’s own mail templates', () => {
  const h = useHarness({
    messaging: true,
    config: {
      registration: { flows: [['m.login.terms', 'm.login.email.identity']] },
      threepid: {
        brandName: 'Example Chat',
        email: { from: 'Example Chat <no-reply@example.org>', templates: { subject: 'Welcome to {{brand}}', text: 'Open {{link}}' } },
      },
      pages: { brand: BRAND },
    },
  });

  it('win over the built-in texts in any language, part by part', async () => {
    const browser = await upToTheAddress(h, 'es', 'langsofia');
    await browser.submit('/signup', { step: 'm.login.email.identity', email: 'sofia@example.org' });
    const mail = await newestMailTo(h, 'sofia@example.org');
    expect(mail.subject).toBe('Welcome to Example Chat');
    expect(mail.text).toMatch(/^Open https?:\/\/\S+submit_token/);
    // The part the tenant left alone is the built-in one, in the sign-up's language.
    expect(mail.html).toContain('<html lang="es" dir="ltr">');
    expect(mail.html).toContain('Confirmar mi dirección</a>');
  });
});

describe('the SMS of a phone sign-up', () => {
  const h = useHarness({
    messaging: true,
    config: PHONE_PAGE_TENANT,
  });

  it('is written in French when the sign-up is made in French, and its code finishes the sign-up', async () => {
    const browser = await upToTheAddress(h, 'fr', 'langfleur');
    const code = await browser.submit('/signup', { step: 'm.login.msisdn', country: 'FR', phone: '06 12 34 56 78' });
    expect(stepOf(code)).toBe('msisdn_code');

    const sms = h
      .outbox!.messages()
      .filter((m) => m.to === '+33612345678')
      .at(-1)!;
    expect(sms.body).toMatch(/^\d{6} est votre code de vérification Example Chat\. Il expire dans \d+ minutes\.$/);
    const done = await browser.submit('/signup', { step: 'msisdn_code', code: codeInSms(h, '+33612345678') });
    expect(stepOf(done)).toBe('done');
  });
});

describe('the built-in texts in every language', () => {
  const mailIn = (lang?: string) =>
    verificationMessages.verificationMail({
      address: 'a@example.org',
      link: 'https://fd.example.org/_matrix/client/unstable/registration/email/submit_token?token=t&sid=s',
      brand: 'Ex <Chat>',
      lifetimeSeconds: 1800,
      templates: {},
      lang,
    });

  it.each(Object.keys(CATALOGUES))('in %s carry the link, the brand, the lifetime and the code, escaped in HTML', (lang) => {
    const mail = mailIn(lang);
    expect(mail.text).toContain('\n\nhttps://fd.example.org/_matrix/client/unstable/registration/email/submit_token?token=t&sid=s\n\n');
    expect(mail.text).toContain('30');
    expect(mail.html).toContain('href="https://fd.example.org/_matrix/client/unstable/registration/email/submit_token?token=t&amp;sid=s"');
    expect(mail.html).toContain('Ex &lt;Chat&gt;');
    expect(mail.html).not.toContain('<Chat>');
    expect(mail.html).not.toMatch(/\{\w+\}/);
    expect(mail.subject).not.toMatch(/[\r\n]|\{\w+\}/);
    const sms = verificationMessages.verificationSms({ code: '482913', brand: 'Ex', lifetimeSeconds: 600, lang });
    expect(sms).toContain('482913');
    expect(sms).toContain('10');
    expect(sms).not.toMatch(/\{\w+\}|\u2068/);
    const notice = verificationMessages.inUseNoticeMail('Ex <Chat>', lang);
    expect(notice.html).toContain(`<html lang="${lang}" dir="${CATALOGUES[lang]!.dir}">`);
    expect(notice.html).not.toContain('<Chat>');
    expect(notice.text).not.toMatch(/submit_token|\{\w+\}/);
    expect(verificationMessages.inUseNoticeSms('Ex', lang)).not.toMatch(/\{\w+\}/);
  });

  it('fall back to English for a language there is no catalogue for', () => {
    for (const lang of [undefined, 'xx', 'constructor', '__proto__'])
      expect(mailIn(lang).subject).toBe('Confirm your email address for Ex <Chat>');
    expect(verificationMessages.inUseNoticeSms('Ex', 'tlh')).toBe(verificationMessages.inUseNoticeSms('Ex'));
  });

  it('tell the owner of an address in use in the sign-up’s language', () => {
    expect(verificationMessages.inUseNoticeMail('Ex', 'de').subject).toBe('Registrierungsversuch bei Ex');
    expect(verificationMessages.inUseNoticeSms('Ex', 'es')).toMatch(/^Alguien ha intentado crear una cuenta de Ex/);
  });
});
