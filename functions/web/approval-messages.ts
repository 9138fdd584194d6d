/**
 * What a decision on a waiting sign-up says to the person (in the language of the sign-up, English when
 * unknown) and what operators are told of a new request. Plain sentences from the catalogues in i18n/.
 */
import type { MailContent } from '../ports/messages.js';
import type { ApprovalMessages } from '../ports/approvals.js';
import { escapeHtml } from './html.js';
import { operatorNotice } from './operator-notice.js';
import { en, type Messages as Catalogue } from './i18n/en.js';
import { CATALOGUES, say } from './i18n/pick-language.js';

const catalogueFor = (lang: string | undefined): Catalogue => (lang && Object.hasOwn(CATALOGUES, lang) ? CATALOGUES[lang]! : en);

/** One line per header: a subject never carries a line break. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ');

function mail(t: Catalogue, subject: string, paragraphs: string[], brand: string): MailContent {
  const text = [say(t, 'mailGreeting'), ...paragraphs, brand].join('\n\n');
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  return {
    subject: oneLine(subject),
    text,
    html: `<!doctype html>\n<html lang="${t.lang}" dir="${t.dir}"><body dir="${t.dir}" style="font-family: system-ui, sans-serif; line-height: 1.5">
<p>${escapeHtml(say(t, 'mailGreeting'))}</p>
${body}
<p>${escapeHtml(brand)}</p>
</body></html>`,
  };
}

export const approvalMessages: ApprovalMessages = {
  approvedMail({ brand, userId, username, lang }) {
    const t = catalogueFor(lang);
    return mail(t, say(t, 'approvedSubject', { brand }), [say(t, 'approvedBody', { brand, userId, username })], brand);
  },
  approvedSms: ({ brand, userId, username, lang }) => say(catalogueFor(lang), 'approvedSms', { brand, userId, username }),
  deniedMail({ brand, reason, lang }) {
    const t = catalogueFor(lang);
    const lines = [say(t, 'deniedBody', { brand }), ...(reason ? [say(t, 'deniedReason', { reason })] : [])];
    return mail(t, say(t, 'deniedSubject', { brand }), lines, brand);
  },
  deniedSms({ brand, reason, lang }) {
    const t = catalogueFor(lang);
    return [say(t, 'deniedSms', { brand }), ...(reason ? [say(t, 'deniedReason', { reason })] : [])].join(' ');
  },
  operatorNotice,
};
