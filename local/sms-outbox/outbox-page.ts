/** The outbox's web page: every SMS sent so far, newest first, for a person reading their code locally. */
import type { SmsMessage } from './sms-message.js';

export function renderOutboxPage(messages: readonly SmsMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(new Date(m.at).toISOString())}</td><td>${escapeHtml(m.to)}</td>` +
        `<td><pre>${escapeHtml(m.body)}</pre></td><td>${escapeHtml(attributeList(m.attributes))}</td></tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table><thead><tr><th>Sent</th><th>To</th><th>Message</th><th>Attributes</th></tr></thead>\n<tbody>${rows}</tbody></table>`
    : '<p>No SMS sent yet. This page reloads every 5 seconds.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>SMS outbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}pre{margin:0;white-space:pre-wrap}</style>
</head><body><h1>SMS outbox</h1>
${table}
</body></html>`;
}

function attributeList(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([name, value]) => `${name.replace(/^AWS\.(SNS|MM)\.SMS\./, '')}=${value}`)
    .join(', ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
