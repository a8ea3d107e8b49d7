/**
 * Password hashing with argon2id at the OWASP baseline (19 MiB memory, 2 passes, 1 lane).
 */
import { counter } from '../../app/metrics.ts';

const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2 is loaded at the first sign-in or registration, not at start (idle memory, decision 0016). */
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

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
export async function hashPassword(password: string): Promise<string> {
  passwordHashes.inc();
  return (await loadArgon2()).hash(password, OPTIONS);
}

/** True when `password` matches `passwordHash`; false for any malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  passwordVerifications.inc();
  try {
    return await (await loadArgon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash to verify against when the account does not exist, so a login for an unknown
 * email takes as long as one for a known email (no account enumeration by timing). It is the
 * hash of 'lantern-timing-equaliser' with OPTIONS, written out so start-up needs no argon2.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$xQzeUAC4CBaKKn+nnx1YeQ$nt3Q4f88chh/cEFW2dk6B6ULarm83zf23CqrOqQSkXg';
