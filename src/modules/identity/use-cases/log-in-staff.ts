/** Checks a staff member's email and password and opens a staff session. */
import type { Db } from '../../../app/database.ts';
import { normaliseEmail } from '../account-rules.ts';
import { invalidCredentials } from '../identity-errors.ts';
import { verifyPasswordAttempt } from '../login-throttle.ts';
import { createSession, type Session } from '../sessions.ts';

export interface LogInStaffInput {
  email: string;
  password: string;
  /** The client's address and `lantern_device` cookie, for the sign-in limits. */
  ip: string;
  deviceToken?: string;
  userAgent?: string;
}

/**
 * Returns a new staff session and its raw token when the password matches an active staff user.
 * Unknown, disabled and wrong-password logins all cost one argon2 check and throw the same 401;
 * over the sign-in limits it is a 429 (`login-throttle.ts`).
 */
export async function logInStaff(
  db: Db,
  input: LogInStaffInput,
): Promise<{ token: string; session: Session }> {
  const [row] = await db<{ id: string; password_hash: string; is_active: boolean }[]>`
    select id, password_hash, is_active from staff_users where email = ${normaliseEmail(input.email)}`;
  const matches = await verifyPasswordAttempt(db, {
    scope: 'staff',
    email: input.email,
    ip: input.ip,
    deviceToken: input.deviceToken,
    accountId: row?.id ?? null,
    passwordHash: row?.is_active ? row.password_hash : null,
    password: input.password,
  });
  if (!row || !matches) throw invalidCredentials();
  return createSession(db, { kind: 'staff', staffId: row.id, userAgent: input.userAgent });
}
