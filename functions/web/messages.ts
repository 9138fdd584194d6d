/**
 * The words of the verification mail and SMS, and of the notice sent to an address already in use, in the
 * language the sign-up was made in (the catalogues in i18n/, English when unknown). The tenant's own
 * templates (`{{name}}` placeholders) win over these texts, part by part, in every language.
 */
import type { MailContent, Messages } from '../ports/index.js';
import { ValidationPurpose } from '../model/validation-session.js';
import { escapeHtml, fillTemplate } from './html.js';
import { en, type Messages as Catalogue } from './i18n/en.js';
import { CATALOGUES } from './i18n/pick-language.js';

const catalogueFor = (lang: string | undefined): Catalogue => (lang && Object.hasOwn(CATALOGUES, lang) ? CATALOGUES[lang]! : en);

const minutes = (seconds: number) => String(Math.round(seconds / 60));

type Values = Record<string, string>;

/**
 * A catalogue sentence with its `{name}` values filled in. In a right-to-left mail each value is a bidi
 * isolate (FSI…PDI), so a brand written left to right keeps its order. For HTML the sentence and the values
 * are escaped, and `strong` names the values set in bold.
 */
function fill(t: Catalogue, sentence: string, values: Values, html?: { strong?: string[] }): string {
  const [open, close] = t.dir === 'rtl' ? ['\u2068', '\u2069'] : ['', ''];
  return sentence.split(/(\{\w+\})/).reduce((out, part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = name !== undefined ? values[name] : undefined;
    if (value === undefined) return out + (html ? escapeHtml(part) : part);
    if (!html) return out + open + value + close;
    const inner = open + escapeHtml(value) + close;
    return out + (html.strong?.includes(name!) ? `<strong>${inner}</strong>` : inner);
  }, '');
}

/** The opening tags of every HTML mail: the language and its direction, on the body too (some clients drop `<html>`). */
const htmlStart = (t: Catalogue, bodyStyle?: string) =>
  `<!doctype html>\n<html lang="${t.lang}" dir="${t.dir}"><body dir="${t.dir}"${bodyStyle ? ` style="${bodyStyle}"` : ''}>`;

const SMALL = 'font-size: .9rem; color: #555';

/** The sentences that say why the mail came, for what the validation is for. */
function reasonOf(t: Catalogue, purpose: ValidationPurpose | undefined): { intro: string; ignore: string } {
  if (purpose === ValidationPurpose.Add) return { intro: t.mailIntroAdd, ignore: t.mailIgnoreAdd };
  if (purpose === ValidationPurpose.Reset) return { intro: t.resetMailIntro, ignore: t.resetMailIgnore };
  return { intro: t.mailIntro, ignore: t.mailIgnore };
}

/** The subject, heading, button and link sentence: a reset asks for a new password, the others confirm an address. */
function callOf(t: Catalogue, purpose: ValidationPurpose | undefined) {
  return purpose === ValidationPurpose.Reset
    ? { subject: t.resetMailSubject, heading: t.resetMailHeading, button: t.resetMailButton, openLink: t.resetMailOpenLink }
    : { subject: t.mailSubject, heading: t.mailHeading, button: t.mailButton, openLink: t.mailOpenLink };
}

function defaultMail(t: Catalogue, values: Values, purpose?: ValidationPurpose): MailContent {
  const { link, brand } = values as { link: string; brand: string };
  const { intro, ignore } = reasonOf(t, purpose);
  const { subject, heading, button, openLink } = callOf(t, purpose);
  const say = (sentence: string) => fill(t, sentence, values);
  const html = (sentence: string) => fill(t, sentence, values, { strong: ['brand'] });
  // A link shown as text reads left to right even inside a right-to-left paragraph.
  const shownLink = t.dir === 'rtl' ? `<span dir="ltr">${escapeHtml(link)}</span>` : escapeHtml(link);
  return {
    subject: say(subject),
    text: [say(t.mailGreeting), `${say(intro)}\n${say(openLink)}`, link, say(ignore), brand].join('\n\n'),
    html: `${htmlStart(t, 'font-family: system-ui, sans-serif; color: #1b1d22; max-width: 36rem; margin: 2rem auto; line-height: 1.5')}
<h1 style="font-size: 1.3rem">${html(heading)}</h1>
<p>${html(intro)}</p>
<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: .6rem 1.2rem; background: #0d7a5f; color: #fff; border-radius: .4rem; text-decoration: none">${html(button)}</a></p>
<p style="${SMALL}">${html(t.mailLinkFallback)}<br>${shownLink}</p>
<p style="${SMALL}">${html(ignore)}</p>
</body></html>`,
  };
}

/** Sent instead of a code when the address already has an account and the tenant hides that fact (sign-up or add). */
function inUseNoticeMail(brand: string, lang?: string, purpose?: ValidationPurpose): MailContent {
  const t = catalogueFor(lang);
  const add = purpose === ValidationPurpose.Add;
  const text = `${fill(t, t.mailGreeting, {})}\n\n${fill(t, add ? t.inUseAddMailBody : t.inUseMailBody, { brand })}\n\n${brand}`;
  return {
    subject: fill(t, add ? t.inUseAddMailSubject : t.inUseMailSubject, { brand }).replace(/[\r\n]+/g, ' '),
    text,
    html: `${htmlStart(t).replace('\n', '')}<pre style="font-family: system-ui, sans-serif; white-space: pre-wrap">${escapeHtml(text)}</pre></body></html>`,
  };
}

/** Sent instead of a reset code when no account uses the address and the tenant hides that fact. */
function resetUnknownNoticeMail(brand: string, lang?: string): MailContent {
  const t = catalogueFor(lang);
  const text = `${fill(t, t.mailGreeting, {})}\n\n${fill(t, t.resetUnknownMailBody, { brand })}\n\n${brand}`;
  return {
    subject: fill(t, t.resetUnknownMailSubject, { brand }).replace(/[\r\n]+/g, ' '),
    text,
    html: `${htmlStart(t).replace('\n', '')}<pre style="font-family: system-ui, sans-serif; white-space: pre-wrap">${escapeHtml(text)}</pre></body></html>`,
  };
}

/** The front door's own words, with the tenant's templates where it has them; values are escaped in HTML. */
export const verificationMessages: Messages = {
  verificationMail({ address, link, brand, lifetimeSeconds, templates, lang, purpose }) {
    const values = { brand, link, address, minutes: minutes(lifetimeSeconds) };
    const own = defaultMail(catalogueFor(lang), values, purpose);
    // The tenant's templates are a sign-up's words: a reset mail is always the front door's own.
    if (purpose === ValidationPurpose.Reset) return own;
    return {
      subject: (templates.subject !== undefined ? fillTemplate(templates.subject, values) : own.subject).replace(/[\r\n]+/g, ' '),
      text: templates.text !== undefined ? fillTemplate(templates.text, values) : own.text,
      html: templates.html !== undefined ? fillTemplate(templates.html, values, true) : own.html,
    };
  },
  verificationSms({ code, brand, lifetimeSeconds, template, lang, purpose }) {
    const values = { brand, code, minutes: minutes(lifetimeSeconds) };
    const reset = purpose === ValidationPurpose.Reset;
    if (template !== undefined && !reset) return fillTemplate(template, values);
    // No bidi isolates in an SMS: some phones show them as boxes.
    const t = catalogueFor(lang);
    return (reset ? t.resetSmsCode : t.smsCode).replace(
      /\{(\w+)\}/g,
      (whole, name: string) => values[name as keyof typeof values] ?? whole,
    );
  },
  inUseNoticeMail,
  inUseNoticeSms: (brand, lang, purpose) => {
    const t = catalogueFor(lang);
    return (purpose === ValidationPurpose.Add ? t.inUseAddSms : t.inUseSms).replace(/\{brand\}/g, () => brand);
  },
  resetUnknownNoticeMail,
  resetUnknownNoticeSms: (brand, lang) => catalogueFor(lang).resetUnknownSms.replace(/\{brand\}/g, () => brand),
};
