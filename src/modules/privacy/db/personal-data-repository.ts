/** What re-authentication before an account deletion needs to know, asked of customers and identity. */
import type { Db } from '../../../app/database.ts';
import { getPasswordHash } from '../../customers/index.ts';
import { getSessionAge } from '../../identity/index.ts';

/**
 * The customer's password hash (null for phone-code accounts) and how old this session is; null
 * when the account is gone or the session is not theirs.
 */
export async function reauthFacts(
  db: Db,
  customerId: string,
  sessionTokenHash: string,
): Promise<{ passwordHash: string | null; sessionAgeMs: number } | null> {
  const [account, session] = await Promise.all([
    getPasswordHash(db, customerId),
    getSessionAge(db, sessionTokenHash),
  ]);
  if (!account || session?.customerId !== customerId) return null;
  return { passwordHash: account.passwordHash, sessionAgeMs: session.ageMs };
}
