/**
 * Re-authentication before an irreversible step (deleting the account): the current password,
 * or, for accounts without one (phone-code sign-in), a sign-in within the last 10 minutes.
 */
import type { Db } from '../../app/database.ts';
import { DomainError, unauthorized } from '../../app/errors.ts';
import type { RateLimiter } from '../../app/rate-limit.ts';
import { verifyPassword } from '../identity/index.ts';
import { reauthFacts } from './db/personal-data-repository.ts';

export const RECENT_SIGN_IN_MS = 10 * 60_000;
const REAUTH_LIMIT = { name: 'account-reauth', max: 5, windowMs: 10 * 60_000 };

/**
 * Returns `customerId` once the signed-in customer proved it is them (5 tries per 10 minutes);
 * else 401/403. `sessionTokenHash` is the session they are signed in with (its age counts).
 */
export async function confirmReauthentication(
  deps: { db: Db; rateLimiter: RateLimiter },
  input: { customerId: string; sessionTokenHash: string; password: string | undefined },
): Promise<string> {
  const { customerId, password } = input;
  await deps.rateLimiter.hit(REAUTH_LIMIT, customerId);
  const facts = await reauthFacts(deps.db, customerId, input.sessionTokenHash);
  if (!facts) throw unauthorized();
  if (password) {
    // Verify even without a stored hash, so the answer takes the same time either way.
    const ok = await verifyPassword(facts.passwordHash, password);
    if (ok && facts.passwordHash) return customerId;
    throw new DomainError('password_incorrect', 403, 'The password is not correct.');
  }
  if (!facts.passwordHash && facts.sessionAgeMs <= RECENT_SIGN_IN_MS) return customerId;
  throw new DomainError(
    'reauthentication_required',
    401,
    facts.passwordHash ? 'Enter your password to confirm.' : 'Sign in again to confirm.',
  );
}
