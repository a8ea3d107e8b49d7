/**
 * Field issues with a stable code, so the JSON API keeps its English `message` for developers while
 * pages translate the `code`: zod's issues are converted here, and `formatted` gives a pattern a
 * name (`{ format: 'tracking_number' }`) that a page can explain better than "invalid format".
 */
import { z } from 'zod';
import { badRequest, type DomainError, type FieldIssue } from './errors.ts';

/** `items[0].quantity` from zod's `['items', 0, 'quantity']`. */
export function fieldPathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

/**
 * Zod's issues as field issues: the issue code and the numbers or format its words need. An empty
 * required text (`min(1)` on a string) becomes `required`; a `formatted` refinement becomes
 * `invalid_format` with its format name.
 */
export function fieldIssuesFromZod(issues: readonly z.core.$ZodIssue[], root = '(body)'): FieldIssue[] {
  return issues.map((issue) => fieldIssueFromZod(issue, root));
}

/** `root` names an issue about the whole input (an unknown key of a strict object). */
function fieldIssueFromZod(issue: z.core.$ZodIssue, root: string): FieldIssue {
  const base = { field: fieldPathOf(issue.path) || root, message: issue.message };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { ...base, code: 'required' };
      return { ...base, code: 'too_small', params: { origin: issue.origin, minimum: Number(issue.minimum) } };
    case 'too_big':
      return { ...base, code: 'too_big', params: { origin: issue.origin, maximum: Number(issue.maximum) } };
    case 'invalid_format':
      return { ...base, code: 'invalid_format', params: { format: issue.format } };
    case 'invalid_type':
      return { ...base, code: 'invalid_type', params: { expected: issue.expected } };
    case 'not_multiple_of':
      return { ...base, code: 'not_multiple_of', params: { divisor: Number(issue.divisor) } };
    case 'custom': {
      const code = typeof issue.params?.code === 'string' ? issue.params.code : 'invalid';
      const format = issue.params?.format;
      return { ...base, code, ...(typeof format === 'string' ? { params: { format } } : {}) };
    }
    default:
      return { ...base, code: issue.code };
  }
}

/**
 * A string that must match `pattern`, failing as `invalid_format` with a named `format`, e.g.
 * `formatted(/^[A-Za-z0-9-]+$/, 'tracking_number', 'use letters, digits and dashes only')`.
 */
export function formatted(pattern: RegExp, format: string, message: string) {
  return z.string().refine((value) => pattern.test(value), {
    message,
    params: { code: 'invalid_format', format },
  });
}

/** A refinement failing with a stable code, e.g. `.refine((n) => n !== 0, issueCode('not_zero', 'must not be zero'))`. */
export function issueCode(code: string, message: string) {
  return { message, params: { code } };
}

/** A value that must be given and was not (a text empty once trimmed). */
export function requiredIssue(field: string): FieldIssue {
  return { field, code: 'required', message: 'is required' };
}

/** A text shorter than `minimum` characters. */
export function tooShortIssue(field: string, minimum: number): FieldIssue {
  return {
    field,
    code: 'too_small',
    params: { origin: 'string', minimum },
    message: `must be at least ${minimum} characters`,
  };
}

/** A text longer than `maximum` characters. */
export function tooLongIssue(field: string, maximum: number): FieldIssue {
  return {
    field,
    code: 'too_big',
    params: { origin: 'string', maximum },
    message: `must be at most ${maximum} characters`,
  };
}

/** A value without the shape `format` names (its words are `validation.invalid_format.<format>`). */
export function badFormatIssue(field: string, format: string, message: string): FieldIssue {
  return { field, code: 'invalid_format', params: { format }, message };
}

/** 400 `validation_failed` naming every issue, as a schema's answer would (`field: message; …`). */
export function validationFailed(issues: FieldIssue[]): DomainError {
  return badRequest('validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}
