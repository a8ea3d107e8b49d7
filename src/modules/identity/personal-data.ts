/** Identity's part of a shopper's data export and erasure: their sessions and known devices. */
import type { Db } from '../../app/database.ts';
import type { PersonalDataHolder } from '../../app/module-definition.ts';
import { forgetAccountDevices } from './known-devices.ts';
import { revokeCustomerSessions } from './sessions.ts';

export interface SessionMetadata {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
}

/** The customer's sessions without their token hashes or CSRF tokens, oldest first. */
export async function listSessionMetadata(db: Db, customerId: string): Promise<SessionMetadata[]> {
  const rows = await db<SessionMetadata[]>`
    select created_at as "createdAt", last_seen_at as "lastSeenAt", expires_at as "expiresAt",
           user_agent as "userAgent"
      from sessions where customer_id = ${customerId} order by created_at`;
  return [...rows];
}

/** How long ago the session with this token hash opened, and whose it is; null when there is none. */
export async function getSessionAge(
  db: Db,
  tokenHash: string,
): Promise<{ customerId: string | null; ageMs: number } | null> {
  const [row] = await db<{ customer_id: string | null; age_ms: number }[]>`
    select customer_id, (extract(epoch from now() - created_at) * 1000)::float8 as age_ms
      from sessions where token_hash = ${tokenHash}`;
  return row ? { customerId: row.customer_id, ageMs: row.age_ms } : null;
}

/**
 * Exports the session metadata (`sessions`); erasure ends every session of the customer and
 * forgets the devices they signed in from.
 */
export const identityPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    return { sessions: await listSessionMetadata(db, subject.customerId) };
  },
  async erase(tx, subject) {
    await revokeCustomerSessions(tx, subject.customerId);
    await forgetAccountDevices(tx, subject.customerId);
  },
};
