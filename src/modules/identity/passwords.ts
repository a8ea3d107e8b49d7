/**
 * Password hashing with argon2id at the OWASP baseline (19 MiB memory, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';
import { counter } from '../../app/metrics.ts';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The argon2 work done, on /metrics: equal counts for a known and an unknown account prove that
 * their answers cost the same, without a stopwatch.
 */
export const passwordHashes = counter('lantern_password_hashes_total', 'argon2id password hashes computed.');
export const passwordVerifications = counter(
  'lantern_password_verifications_total',
  'argon2id password verifications run.',
);

/** Hashes a password into a self-describing PHC string (`$argon2id$…`). */
export function hashPassword(password: string): Promise<string> {
  passwordHashes.inc();
  return hash(password, OPTIONS);
}

/** True when `password` matches `passwordHash`; false for any malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordVerifications.inc();
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
export const DUMMY_PASSWORD_HASH = await hash('lantern-timing-equaliser', OPTIONS);
