/**
 * Background jobs that run on a schedule inside the app process (or `npm run worker`). Each run
 * does its work in the database with row locks or SKIP LOCKED, so several instances running the
 * same job never do the work twice.
 */
import type { AppDeps } from './http.ts';

export interface Job {
  name: string;
  everyMs: number;
  run(deps: AppDeps): Promise<unknown>;
}

/** Starts every job on its interval; the returned function stops them and waits for runs in progress. */
export function startJobs(jobs: Job[], deps: AppDeps, onError: (job: Job, error: unknown) => void) {
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = job
        .run(deps)
        .catch((e) => onError(job, e))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return async () => {
    for (const t of timers) clearInterval(t);
    await Promise.allSettled([...running]);
  };
}
