/** Housekeeping: deletes one-time login codes and registration links nobody can use any more. */
import type { Db } from '../../app/database.ts';
import type { Job } from '../../app/jobs.ts';

/**
 * Deletes login codes older than a day (they expire after minutes) and expired registration
 * requests (with the name and password hash someone typed); returns how many rows.
 */
export async function purgeStaleLoginCodes(db: Db): Promise<number> {
  const codes = await db`delete from one_time_codes where created_at < now() - interval '1 day'`;
  const registrations = await db`delete from registration_requests where expires_at < now()`;
  return codes.count + registrations.count;
}

export const customerJobs: Job[] = [
  {
    name: 'customers.purge-stale-login-codes',
    everyMs: 3_600_000,
    run: (deps) => purgeStaleLoginCodes(deps.sql),
  },
];
