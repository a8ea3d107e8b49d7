/**
 * Background jobs that run on a schedule inside the app process (or `npm run worker`). Every
 * instance ticks every job, and a tick runs it only if no other instance is running it or has
 * just run it (`run-job-once.ts`); each run still does its work with row locks or SKIP LOCKED.
 */
import type { AppDeps } from './http.ts';
import { runJobOnce } from './run-job-once.ts';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: AppDeps): Promise<unknown>;
  /**
   * Heavy work whose memory the server should not keep: where the runner can (`runInChild`),
   * a run that `isDue` is done in a child process; the check itself stays cheap and in process.
   */
  inChildProcess?: { isDue(deps: AppDeps): Promise<boolean> };
}

export interface StartJobsOptions {
  /** Runs a tick's `run` once across instances; `runJobOnce` on the database by default. */
  once?: (job: Job, run: () => Promise<unknown>) => Promise<unknown>;
  /** Runs a job marked `inChildProcess` in a child process; unset, every job runs in process. */
  runInChild?: (job: Job) => Promise<unknown>;
  /** How soon after start the first run comes (`FIRST_RUN_MS` by default); tests need not wait. */
  firstRunMs?: number;
}

/** A job's first run comes this soon after start (or after its interval, if shorter). */
const FIRST_RUN_MS = 5_000;
/**
 * After a failed run a job skips its runs for this long, doubled per failure in a row up to the
 * cap, so a job that cannot succeed (the database is away) neither spins nor fills the log.
 */
const RETRY_AFTER_FAILURE_MS = 5_000;
const MAX_RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Starts every job: a first run shortly after start (so a fresh shop trains its recommendations
 * and catches up on events within seconds, not a whole interval later), then on its interval.
 * A failing job backs off (see `RETRY_AFTER_FAILURE_MS`). The returned function stops them and
 * waits for runs in progress.
 */
export function startJobs(
  jobs: Job[],
  deps: AppDeps,
  onError: (job: Job, error: unknown) => void,
  options: StartJobsOptions = {},
) {
  const once = options.once ?? ((job: Job, run: () => Promise<unknown>) => runJobOnce(deps.sql, job, run));
  const running = new Set<Promise<unknown>>();
  const runChild = options.runInChild;
  const runOnce = async (job: Job) => {
    if (!job.inChildProcess || !runChild) return job.run(deps);
    return (await job.inChildProcess.isDue(deps)) ? runChild(job) : undefined;
  };
  const timers = jobs.flatMap((job) => {
    let busy = false;
    let failures = 0;
    let skipUntil = 0;
    const tick = () => {
      if (busy || Date.now() < skipUntil) return;
      busy = true;
      const run = once(job, () => runOnce(job))
        .then(
          () => {
            failures = 0;
          },
          (e) => {
            failures++;
            skipUntil =
              Date.now() + Math.min(RETRY_AFTER_FAILURE_MS * 2 ** (failures - 1), MAX_RETRY_AFTER_FAILURE_MS);
            onError(job, e);
          },
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const first = setTimeout(tick, Math.min(job.everyMs, options.firstRunMs ?? FIRST_RUN_MS));
    const every = setInterval(tick, job.everyMs);
    first.unref();
    every.unref();
    return [first, every];
  });
  return async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.allSettled([...running]);
  };
}
