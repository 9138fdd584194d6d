/** The pieces every sign-up step is made of: a form with its CSRF field, a labelled field, an error tied to it. */
import type { PageFrame } from './signup-layout.js';
import { html, type Markup } from './layout.js';

/** A problem to show on a step: tied to a field when `field` names one, else to the whole form. */
export interface StepError {
  field?: string;
  message: string;
  /** Free usernames to offer when the chosen one is taken. */
  suggestions?: string[];
}

export const errorId = (field: string) => `error-${field}`;

/** The error line: read out at once (role=alert), and named by the field's aria-describedby. */
export function errorLine(error: StepError | undefined, field = 'form'): Markup | undefined {
  if (!error || (error.field ?? 'form') !== field) return undefined;
  return html`<p class="error" id="${errorId(field)}" role="alert">${error.message}</p>`;
}

export interface FieldOptions {
  name: string;
  type: 'text' | 'email' | 'tel' | 'password';
  label: string;
  hint?: string;
  value?: string;
  autocomplete: string;
  readonly?: boolean;
  /** Not `required` (the label says it is optional). */
  optional?: boolean;
  /** Extra attributes the field's kind needs (inputmode, maxlength), as markup. */
  extra?: Markup;
  error?: StepError;
  /** What follows the error line (the suggested usernames). */
  after?: Markup;
}

export function inputField(o: FieldOptions): Markup {
  const id = `field-${o.name}`;
  // The field in error takes the focus when the page loads: the person lands on what to fix.
  const invalid = o.error?.field === o.name;
  const describedBy = [o.hint ? `hint-${o.name}` : '', invalid ? errorId(o.name) : ''].filter(Boolean).join(' ');
  return html`<label for="${id}">${o.label}</label>${o.hint ? html`<span class="hint" id="hint-${o.name}">${o.hint}</span>` : ''}
<input type="${o.type}" id="${id}" name="${o.name}" autocomplete="${o.autocomplete}"${o.value !== undefined ? html` value="${o.value}"` : ''}${o.optional ? '' : html` required`}${o.readonly ? html` readonly` : ''}${invalid ? html` aria-invalid="true" autofocus` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.extra ?? ''}>
${invalid ? errorLine(o.error, o.name) : ''}${o.after ?? ''}`;
}

/** One step's form: it posts back to the page, names its step and carries the CSRF field. */
export function stepForm(frame: PageFrame, step: string, content: Markup, submit: string, error?: StepError): Markup {
  return html`<form method="post" action="${frame.path}" novalidate>
<input type="hidden" name="step" value="${step}"><input type="hidden" name="csrf" value="${frame.csrf}">
${errorLine(error)}${content}
<button type="submit">${submit}</button></form>`;
}
