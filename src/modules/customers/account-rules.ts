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

/** Removes spaces, dashes and brackets people type into phone numbers (the stored form). */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s()-]/g, '');
}

const PHONE = /^\+?[0-9]{6,15}$/;

/** True for a normalised phone number: optional `+`, then 6 to 15 digits. */
export function isValidPhone(phone: string): boolean {
  return PHONE.test(phone);
}
