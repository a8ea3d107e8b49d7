/**
 * One run of a scheduled job across all instances. Every instance ticks every job on its own
 * timer; a tick runs the job only when
 * - it holds the job's PostgreSQL advisory lock (session-level, on a connection reserved for the
 *   run, so it is released if the instance dies): two instances never run a job at the same
 *   moment, even a run longer than the interval; and
 * - it claims the run in `scheduled_job_runs`: no instance started the job within the last 90 %
 *   of its interval, so instances started together run it once, not once each.
 * PostgreSQL rather than Redis: the lock needs no extra service, and it dies with its connection.
 */
import type { Sql } from './database.ts';

/** What a tick did. */
export type JobRunOutcome = 'ran' | 'running_elsewhere' | 'ran_recently';

/** The first key of the two-key advisory locks of scheduled jobs ('jobs'); the second is the name's hash. */
const JOB_LOCK_SPACE = 0x6a6f_6273;
/** A tick may run the job this share of its interval after the last start (timers drift). */
const CLAIM_AFTER_SHARE = 0.9;

/** Runs `run` for `job` unless another instance is running it or started it too recently. */
export async function runJobOnce(
  sql: Sql,
  job: { name: string; everyMs: number },
  run: () => Promise<unknown>,
): Promise<JobRunOutcome> {
  const connection = await sql.reserve();
  try {
    const [lock] = await connection<{ locked: boolean }[]>`
      select pg_try_advisory_lock(${JOB_LOCK_SPACE}, hashtext(${job.name})) as locked`;
    if (!lock?.locked) return 'running_elsewhere';
    try {
      const gapSeconds = (job.everyMs * CLAIM_AFTER_SHARE) / 1000;
      const claimed = await connection`
        insert into scheduled_job_runs (job_name, started_at) values (${job.name}, now())
        on conflict (job_name) do update set started_at = now(), finished_at = null
          where scheduled_job_runs.started_at <= now() - make_interval(secs => ${gapSeconds})
        returning job_name`;
      if (claimed.length === 0) return 'ran_recently';
      try {
        await run();
      } finally {
        await connection`update scheduled_job_runs set finished_at = now() where job_name = ${job.name}`;
      }
      return 'ran';
    } finally {
      await connection`select pg_advisory_unlock(${JOB_LOCK_SPACE}, hashtext(${job.name}))`;
    }
  } finally {
    connection.release();
  }
}
