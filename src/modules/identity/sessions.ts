/**
 * Sessions for shoppers (guest or signed in) and staff. The token is 256 random bits given to the
 * client once (cookie or bearer); only its SHA-256 is stored, so a database leak yields no
 * usable session. Each session carries its own CSRF token.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../app/database.ts';
import { newSecret } from '../../app/ids.ts';
import { forgetSessions, sessionCacheOf } from './session-cache.ts';

export type SessionKind = 'shopper' | 'staff';
export type StaffRole = 'merchant' | 'agent' | 'admin';

export interface Session {
  tokenHash: string;
  kind: SessionKind;
  customerId: string | null;
  staffId: string | null;
  staffRole: StaffRole | null;
  csrfToken: string;
  expiresAt: Date;
}

export const SHOPPER_SESSION_DAYS = 30;
export const STAFF_SESSION_HOURS = 12;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Opens a session; returns the raw token (give it to the client, never store it) and the session. */
export async function createSession(
  db: Db,
  input: { kind: SessionKind; customerId?: string | null; staffId?: string | null; userAgent?: string },
): Promise<{ token: string; session: Session }> {
  const token = newSecret();
  const lifetimeMs =
    input.kind === 'staff' ? STAFF_SESSION_HOURS * 3_600_000 : SHOPPER_SESSION_DAYS * 86_400_000;
  const session = {
    tokenHash: hashToken(token),
    kind: input.kind,
    customerId: input.customerId ?? null,
    staffId: input.staffId ?? null,
    csrfToken: newSecret(),
    expiresAt: new Date(Date.now() + lifetimeMs),
  };
  await db`insert into sessions (token_hash, kind, customer_id, staff_id, csrf_token, user_agent, expires_at)
    values (${session.tokenHash}, ${session.kind}, ${session.customerId}, ${session.staffId},
            ${session.csrfToken}, ${(input.userAgent ?? '').slice(0, 300)}, ${session.expiresAt})`;
  let staffRole: StaffRole | null = null;
  if (session.staffId) {
    const [staff] = await db<
      { role: StaffRole }[]
    >`select role from staff_users where id = ${session.staffId}`;
    staffRole = staff?.role ?? null;
  }
  return { token, session: { ...session, staffRole } };
}

/** The live session for a raw token, or null when unknown, expired or its staff user disabled. */
export async function findSession(db: Db, token: string): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  // A known shopper session costs no round trip (see session-cache.ts for how it is kept fresh).
  const cache = sessionCacheOf(db);
  const cached = cache?.get(tokenHash);
  if (cached) return cached;
  const generation = cache?.generation ?? 0;
  const [row] = await db<
    {
      token_hash: string;
      kind: SessionKind;
      customer_id: string | null;
      staff_id: string | null;
      role: StaffRole | null;
      csrf_token: string;
      expires_at: Date;
    }[]
  >`select s.token_hash, s.kind, s.customer_id, s.staff_id, u.role, s.csrf_token, s.expires_at
      from sessions s left join staff_users u on u.id = s.staff_id
     where s.token_hash = ${tokenHash} and s.expires_at > now()
       and (s.staff_id is null or u.is_active)`;
  if (!row) return null;
  const session: Session = {
    tokenHash: row.token_hash,
    kind: row.kind,
    customerId: row.customer_id,
    staffId: row.staff_id,
    staffRole: row.role,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
  cache?.store(session, generation);
  return session;
}

/** Ends one session (logout). */
export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  forgetSessions(tokenHash);
  await db`delete from sessions where token_hash = ${tokenHash}`;
  forgetSessions(tokenHash);
}

/** Ends every session of a customer (password reset, account deletion). */
export async function revokeCustomerSessions(db: Db, customerId: string): Promise<void> {
  const rows = await db<{ token_hash: string }[]>`delete from sessions where customer_id = ${customerId}
    returning token_hash`;
  for (const row of rows) forgetSessions(row.token_hash);
}
