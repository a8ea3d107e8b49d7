/**
 * Pure rules for account identifiers. Validation is linear-time by construction (string splits
 * and character classes without nested quantifiers), so hostile input cannot stall a request.
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** Lower-cases and trims an email address (the stored form). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const LOCAL_PART = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const DOMAIN_LABEL = /^[a-z0-9-]{1,63}$/;

/** True for a plausible address `local@domain.tld` (checked after normalising). */
export function isValidEmail(email: string): boolean {
  if (email.length > 254) return false;
  const at = email.indexOf('@');
  if (at < 1 || at !== email.lastIndexOf('@')) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (!LOCAL_PART.test(local) || labels.length < 2) return false;
  return labels.every((l) => DOMAIN_LABEL.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

const MAINLAND_MOBILE_INTERNATIONAL = /^(?:\+86|0086)(1[0-9]{10})$/;

/**
 * The stored form of a phone number: spaces, dashes and brackets removed, and a mainland mobile
 * written with +86 or 0086 reduced to its 11 digits, so one phone is one account and one
 * rate-limit key however it is typed.
 */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[\s()-]/g, '');
  return MAINLAND_MOBILE_INTERNATIONAL.exec(compact)?.[1] ?? compact;
}

const PHONE = /^\+?[0-9]{6,15}$/;

/** True for a normalised phone number: optional `+`, then 6 to 15 digits. */
export function isValidPhone(phone: string): boolean {
  return PHONE.test(phone);
}
