/**
 * One run of a scheduled job across all instances. Every instance ticks every job on its own
 * timer; a tick runs the job only when
 * - it holds the job's PostgreSQL advisory lock, taken in a transaction that stays open while the
 *   run lasts (released if the instance or its connection dies): two instances never run a job
 *   at the same moment, even a run longer than the interval; and
 * - it claims the run in `scheduled_job_runs`: no instance started the job within the last 90 %
 *   of its interval, so instances started together run it once, not once each.
 * PostgreSQL rather than Redis: the lock needs no extra service, and it dies with its connection.
 * The run itself works on the pool, not in that transaction.
 */
import type { Sql } from './database.ts';

/** What a tick did. */
export type JobRunOutcome = 'ran' | 'running_elsewhere' | 'ran_recently';

/** The first key of the two-key advisory locks of scheduled jobs ('jobs'); the second is the name's hash. */
const JOB_LOCK_SPACE = 0x6a6f_6273;
/** A tick may run the job this share of its interval after the last start (timers drift). */
const CLAIM_AFTER_SHARE = 0.9;

/**
 * Runs `run` for `job` unless another instance is running it or started it too recently. A run
 * that fails still counts as the interval's run (its error is passed on after the claim commits),
 * so a failing job is not retried at once by every other instance.
 */
export async function runJobOnce(
  sql: Sql,
  job: { name: string; everyMs: number },
  run: () => Promise<unknown>,
): Promise<JobRunOutcome> {
  let outcome: JobRunOutcome = 'running_elsewhere';
  let failure: { error: unknown } | undefined;
  await sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(${JOB_LOCK_SPACE}, hashtext(${job.name})) as locked`;
    if (!lock?.locked) return;
    const gapSeconds = (job.everyMs * CLAIM_AFTER_SHARE) / 1000;
    const claimed = await tx`
      insert into scheduled_job_runs (job_name, started_at) values (${job.name}, now())
      on conflict (job_name) do update set started_at = now(), finished_at = null
        where scheduled_job_runs.started_at <= now() - make_interval(secs => ${gapSeconds})
      returning job_name`;
    if (claimed.length === 0) {
      outcome = 'ran_recently';
      return;
    }
    try {
      await run();
    } catch (error) {
      failure = { error };
    }
    await tx`update scheduled_job_runs set finished_at = clock_timestamp() where job_name = ${job.name}`;
    outcome = 'ran';
  });
  if (failure) throw failure.error;
  return outcome;
}
