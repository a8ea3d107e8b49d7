/**
 * Reading HTML form posts: every field as a trimmed string (the first, when repeated), capped in
 * length, so page handlers can validate with plain rules and re-show what was typed.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../app/errors.ts';
import { type Locale, type MessageKey, t } from '../i18n/index.ts';

const MAX_FIELD = 500;

/** The posted fields as strings. */
export function formFields(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  if (typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first.trim().slice(0, MAX_FIELD);
  }
  return out;
}

/** A whole number within bounds, or null. */
export function intField(value: string | undefined, min: number, max: number): number | null {
  if (!value || !/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/**
 * The message to show a shopper for a failed action: our translation of the error code when we
 * have one, else the domain's own (English) words, else a generic line.
 */
export function messageOf(locale: Locale, error: unknown): string {
  if (!(error instanceof DomainError) || error.status >= 500) return t(locale, 'error.genericBody');
  const key = `problem.${error.code}` as MessageKey;
  const text = t(locale, key);
  return text === key ? error.message : text;
}
