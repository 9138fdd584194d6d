/** Escaping for everything the front door puts into HTML. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Fills `{{name}}` placeholders; with `forHtml`, every value is HTML-escaped first. */
export function fillTemplate(template: string, values: Record<string, string>, forHtml = false): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) return placeholder;
    return forHtml ? escapeHtml(value) : value;
  });
}
