import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppCaches } from './app-caches.ts';
import { loadConfig } from './config.ts';
import type { Sql } from './database.ts';
import { startJobs } from './jobs.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

const deps = {
  sql: {} as Sql,
  config: loadConfig({}),
  rateLimiter: createMemoryRateLimiter(),
  caches: new AppCaches(),
};
/** No database here: every tick runs (run-job-once.test.ts covers the guard across instances). */
const everyTick = { once: (_job: unknown, run: () => Promise<unknown>) => run() };

afterEach(() => {
  vi.useRealTimers();
});

describe('startJobs', () => {
  it('backs off a job that keeps failing, and runs it on its interval again once it succeeds', async () => {
    vi.useFakeTimers();
    let runs = 0;
    let failing = true;
    const errors: unknown[] = [];
    const job = {
      name: 'test.every-second',
      everyMs: 1_000,
      run: async () => {
        runs++;
        if (failing) throw Object.assign(new Error('database away'), { code: 'ECONNREFUSED' });
      },
    };
    const stop = startJobs([job], deps, (_job, error) => errors.push(error), everyTick);

    // Two minutes of a failing database: 120 runs without back-off.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toBeGreaterThan(2);
    expect(runs).toBeLessThanOrEqual(6);
    expect(errors).toHaveLength(runs);

    failing = false;
    await vi.advanceTimersByTimeAsync(60_000); // past the longest back-off
    const recovered = runs;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs - recovered).toBe(10);
    await stop();
  });
});

describe('a job marked inChildProcess', () => {
  const jobWith = (due: boolean, calls: string[]) => ({
    name: 'test.heavy',
    everyMs: 1_000,
    run: async () => calls.push('in process'),
    inChildProcess: {
      isDue: async () => {
        calls.push('checked');
        return due;
      },
    },
  });

  it('runs in a child when due, only checks when not, and runs in process without a child runner', async () => {
    vi.useFakeTimers();
    const runInChild = async (job: { name: string }) => calls.push(`child ${job.name}`);
    const calls: string[] = [];
    const stops = [
      startJobs([jobWith(true, calls)], deps, () => {}, { ...everyTick, runInChild, firstRunMs: 500 }),
      startJobs([jobWith(false, calls)], deps, () => {}, { ...everyTick, runInChild, firstRunMs: 500 }),
      startJobs([jobWith(true, calls)], deps, () => {}, { ...everyTick, firstRunMs: 500 }),
    ];
    await vi.advanceTimersByTimeAsync(600); // the first run only
    for (const stop of stops) await stop();
    expect(calls.sort()).toEqual(['checked', 'checked', 'child test.heavy', 'in process']);
  });
});
