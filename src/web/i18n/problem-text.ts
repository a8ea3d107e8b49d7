/**
 * Failed actions in the reader's language, for every form of the storefront and the console: the
 * problem's code becomes `problem.<code>`, each field issue's code `validation.<code>` (with its
 * parameters), never the English `message` the JSON API carries for developers.
 */
import { z } from 'zod';
import { DomainError, type FieldIssue } from '../../app/errors.ts';
import { fieldIssuesFromZod } from '../../app/field-issues.ts';
import { isMessageKey, type Locale, type MessageKey, t, tOr } from './i18n.ts';

/** The field issues of a failed form, whichever kind of error carried them. */
export function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof z.ZodError) return fieldIssuesFromZod(error.issues);
  if (error instanceof DomainError) return error.issues ?? [];
  return [];
}

const BY_STATUS: Record<number, MessageKey> = {
  400: 'problem.bad_request',
  401: 'problem.unauthenticated',
  403: 'problem.forbidden',
  404: 'problem.not_found',
  409: 'problem.conflict',
  413: 'problem.body_too_large',
  422: 'problem.bad_request',
  429: 'problem.rate_limited',
};

/**
 * One sentence for a failed action: `problem.<code>` when the catalogue has it, else a sentence for
 * the status; anything unexpected (a 5xx, a bug) says only "please try again".
 */
export function problemText(locale: Locale, error: unknown): string {
  if (error instanceof z.ZodError) return t(locale, 'problem.validation_failed');
  if (!(error instanceof DomainError) || error.status >= 500) return t(locale, 'error.genericBody');
  return tOr(locale, `problem.${error.code}`, BY_STATUS[error.status] ?? 'problem.bad_request');
}

/**
 * What is wrong with one field, e.g. `{ code: 'too_big', params: { origin: 'string', maximum: 60 } }`
 * → 最多填写 60 个字符。 The most specific catalogue entry wins: `validation.<code>.<format>`, then
 * `.<origin>`, then `.<expected>`, then `validation.<code>`, then a generic sentence.
 */
export function issueText(locale: Locale, issue: Pick<FieldIssue, 'code' | 'params'>): string {
  const params = issue.params ?? {};
  const candidates = [params.format, params.origin, params.expected]
    .filter((refinement) => typeof refinement === 'string')
    .map((refinement) => `validation.${issue.code}.${refinement}`);
  candidates.push(`validation.${issue.code}`);
  const key = candidates.find(isMessageKey) ?? 'validation.invalid';
  return t(locale, key, params);
}

/**
 * The translated message for each field that failed (the first issue of a field wins), keyed by
 * the issue's field path as the form or use case named it (`phone`, `variants[0].sku`).
 */
export function fieldErrorsOf(locale: Locale, error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issuesOf(error)) out[issue.field] ??= issueText(locale, issue);
  return out;
}
