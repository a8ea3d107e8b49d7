/**
 * Password hashing with argon2id at the OWASP baseline (19 MiB memory, 2 passes, 1 lane).
 */
import { counter } from '../../app/metrics.ts';

const ARGON2ID = 2;

/** The cost every stored hash is made with in production (tested to stay argon2id at this cost). */
export const PASSWORD_HASH_OPTIONS = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const);

/** The lowest cost argon2 accepts: tests hash hundreds of passwords and need none of the strength. */
const TEST_OPTIONS = Object.freeze({
  algorithm: ARGON2ID,
  memoryCost: 8,
  timeCost: 1,
  parallelism: 1,
} as const);

let options: typeof PASSWORD_HASH_OPTIONS | typeof TEST_OPTIONS = PASSWORD_HASH_OPTIONS;
/** The hash verified when there is no account, made once at the current cost (see `verifyPassword`). */
let dummyHash: Promise<string> | undefined;

/**
 * Test runs only (`test/setup.ts`, `test/global-setup.ts`): hash at argon2's lowest cost from now
 * on in this process. Never called by the app; verifying still reads the cost from each hash.
 */
export function setPasswordHashCostForTests(): void {
  options = TEST_OPTIONS;
  dummyHash = undefined;
}

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
  return (await loadArgon2()).hash(password, options);
}

/**
 * True when `password` matches `passwordHash`; false for any malformed hash. With no hash (no
 * such account, or one without a password) a fixed hash at the same cost is verified and false
 * returned, so that answer takes as long as a wrong password (no account enumeration by timing).
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  passwordVerifications.inc();
  try {
    const { hash, verify } = await loadArgon2();
    if (passwordHash === null) {
      dummyHash ??= hash('lantern-timing-equaliser', options);
      await verify(await dummyHash, password);
      return false;
    }
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
