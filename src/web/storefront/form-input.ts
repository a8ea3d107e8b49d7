/**
 * Reading HTML form posts: every field as a trimmed string (the first, when repeated), capped in
 * length, so page handlers can validate with plain rules and re-show what was typed.
 */
import type { FastifyRequest } from 'fastify';

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
