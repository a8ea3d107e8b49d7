/** Housekeeping: deletes expired sessions and one-time codes nobody can use any more. */
import type { Db } from '../../app/database.ts';

/** Deletes sessions past their expiry and login codes older than a day; returns the counts. */
export async function purgeExpiredSessions(db: Db): Promise<{ sessions: number; codes: number }> {
  const sessions = await db`delete from sessions where expires_at < now()`;
  const codes = await db`delete from one_time_codes where created_at < now() - interval '1 day'`;
  return { sessions: sessions.count, codes: codes.count };
}
