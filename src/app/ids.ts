/**
 * Ids are a readable prefix plus 16 random base32 characters (80 bits): unguessable, so an id
 * alone never grants access, and a glance at a log tells what kind of thing it names.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export type IdPrefix =
  | 'cat'
  | 'brd'
  | 'prod'
  | 'var'
  | 'med'
  | 'wh'
  | 'res'
  | 'cus'
  | 'stf'
  | 'adr'
  | 'otp'
  | 'ntf'
  | 'cart'
  | 'ord'
  | 'oln'
  | 'pay'
  | 'ref'
  | 'exp'
  | 'dlq';

/** A new random id, e.g. `prod_7k2m…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase32(16)}`;
}

/** `length` random characters from a 32-letter alphabet without look-alikes (i, l, o, u). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** A 256-bit secret for session cookies, access tokens and CSRF tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
