/** Checks a staff member's email and password and opens a staff session. */
import type { Db } from '../../../app/database.ts';
import { normaliseEmail } from '../account-rules.ts';
import { invalidCredentials } from '../identity-errors.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../passwords.ts';
import { createSession, type Session } from '../sessions.ts';

/**
 * Returns a new staff session and its raw token when the password matches an active staff user.
 * Unknown, disabled and wrong-password logins all cost one argon2 check and throw the same 401.
 */
export async function logInStaff(
  db: Db,
  input: { email: string; password: string; userAgent?: string },
): Promise<{ token: string; session: Session }> {
  const [row] = await db<{ id: string; password_hash: string; is_active: boolean }[]>`
    select id, password_hash, is_active from staff_users where email = ${normaliseEmail(input.email)}`;
  const matches = await verifyPassword(row?.password_hash ?? DUMMY_PASSWORD_HASH, input.password);
  if (!row?.is_active || !matches) throw invalidCredentials();
  return createSession(db, { kind: 'staff', staffId: row.id, userAgent: input.userAgent });
}
