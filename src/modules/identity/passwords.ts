/**
 * Password hashing with argon2id at the OWASP baseline (19 MiB memory, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password into a self-describing PHC string (`$argon2id$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches `passwordHash`; false for any malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash to verify against when the account does not exist, so a login for an unknown
 * email takes as long as one for a known email (no account enumeration by timing).
 */
export const DUMMY_PASSWORD_HASH = await hashPassword('lantern-timing-equaliser');
