/** Checks a customer's email and password. */
import type { Db } from '../../../app/database.ts';
import { invalidCredentials, normaliseEmail, verifyPasswordAttempt } from '../../identity/index.ts';

export interface LogInWithPasswordInput {
  email: string;
  password: string;
  /** The client's address and `lantern_device` cookie, for the sign-in limits. */
  ip: string;
  deviceToken?: string;
}

/**
 * Returns the customer id when the password matches. An unknown email (or an account without a
 * password) is verified against a dummy hash, so both failures cost the same argon2 check and
 * throw the same 401 `invalid_credentials`; over the sign-in limits it is a 429.
 */
export async function logInWithPassword(
  db: Db,
  input: LogInWithPasswordInput,
): Promise<{ customerId: string }> {
  const [row] = await db<{ id: string; password_hash: string | null }[]>`
    select id, password_hash from customers where email = ${normaliseEmail(input.email)}`;
  const matches = await verifyPasswordAttempt(db, {
    scope: 'shopper',
    email: input.email,
    ip: input.ip,
    deviceToken: input.deviceToken,
    accountId: row?.id ?? null,
    passwordHash: row?.password_hash ?? null,
    password: input.password,
  });
  if (!row || !matches) throw invalidCredentials();
  return { customerId: row.id };
}
