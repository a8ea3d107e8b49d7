/** Housekeeping: deletes sessions nobody can use any more. */
import type { Db } from '../../app/database.ts';

/** Deletes sessions past their expiry; returns how many. */
export async function purgeExpiredSessions(db: Db): Promise<number> {
  const sessions = await db`delete from sessions where expires_at < now()`;
  return sessions.count;
}
