/** Housekeeping: deletes one-time login codes nobody can use any more. */
import type { Db } from '../../app/database.ts';
import type { Job } from '../../app/jobs.ts';

/** Deletes login codes older than a day (they expire after minutes); returns how many. */
export async function purgeStaleLoginCodes(db: Db): Promise<number> {
  const codes = await db`delete from one_time_codes where created_at < now() - interval '1 day'`;
  return codes.count;
}

export const customerJobs: Job[] = [
  {
    name: 'customers.purge-stale-login-codes',
    everyMs: 3_600_000,
    run: (deps) => purgeStaleLoginCodes(deps.sql),
  },
];
