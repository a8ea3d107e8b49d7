/** Checks a customer's email and password. */
import type { Db } from '../../../app/database.ts';
import {
  DUMMY_PASSWORD_HASH,
  invalidCredentials,
  normaliseEmail,
  verifyPassword,
} from '../../identity/index.ts';

/**
 * Returns the customer id when the password matches. An unknown email (or an account without a
 * password) is verified against a dummy hash, so both failures cost the same time and throw the
 * same 401 `invalid_credentials`.
 */
export async function logInWithPassword(
  db: Db,
  input: { email: string; password: string },
): Promise<{ customerId: string }> {
  const email = normaliseEmail(input.email);
  const [row] = await db<{ id: string; password_hash: string | null }[]>`
    select id, password_hash from customers where email = ${email}`;
  const matches = await verifyPassword(row?.password_hash ?? DUMMY_PASSWORD_HASH, input.password);
  if (!row?.password_hash || !matches) throw invalidCredentials();
  return { customerId: row.id };
}
