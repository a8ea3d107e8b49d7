/**
 * One labelled text input with its error: when the field failed, the input says so
 * (`aria-invalid`) and points at the translated message under it (`aria-describedby`), so every
 * storefront form shows each field's problem where the shopper is looking.
 */
import { html, type SafeHtml } from '../../html.ts';

export interface InputFieldOptions {
  id: string;
  name: string;
  label: string;
  value?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  placeholder?: string;
  maxlength?: number;
  minlength?: number;
  required?: boolean;
  /** The translated problem with this field, if it failed. */
  error?: string;
  /** A hint under the input (its id is `<id>-hint`). */
  hint?: string;
  /** Ids of other elements that describe the input (a hint shared by several fields). */
  describedBy?: string;
  testId?: string;
}

/** A `.field` block: label, input, hint and error message. */
export function inputField(o: InputFieldOptions): SafeHtml {
  const errorId = `${o.id}-error`;
  const hintId = `${o.id}-hint`;
  const describedBy = [o.describedBy, o.hint && hintId, o.error && errorId].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' field-invalid' : ''}"><label for="${o.id}">${o.label}</label>
    <input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}"${o.value !== undefined ? html` value="${o.value}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.placeholder ? html` placeholder="${o.placeholder}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${o.minlength ? html` minlength="${o.minlength}"` : ''}${o.required !== false ? html` required` : ''}${o.error ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.testId ? html` data-testid="${o.testId}"` : ''}>
    ${o.hint && html`<p class="hint" id="${hintId}">${o.hint}</p>`}
    ${o.error && html`<p class="field-error" id="${errorId}" data-field-error="${o.name}">${o.error}</p>`}</div>`;
}
