import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { connect } from './database.ts';
import { runJobOnce } from './run-job-once.ts';

// Two pools on one database: two instances of the shop.
const { sql: instanceA, url } = await createTestDatabase();
const instanceB = connect(url, { max: 3 });
afterAll(() => instanceB.end());

const jobNamed = (everyMs: number) => ({ name: `test.${randomBytes(4).toString('hex')}`, everyMs });

describe('runJobOnce', () => {
  it('two instances ticking a job at the same moment run it once', async () => {
    const job = jobNamed(60_000);
    let runs = 0;
    const outcomes = await Promise.all(
      [instanceA, instanceB, instanceA, instanceB].map((sql) =>
        runJobOnce(sql, job, async () => {
          runs++;
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
  });

  it('a tick within most of the interval after another instance ran it is skipped', async () => {
    const job = jobNamed(60_000);
    expect(await runJobOnce(instanceA, job, async () => {})).toBe('ran');
    expect(await runJobOnce(instanceB, job, async () => {})).toBe('ran_recently');
  });

  it('never runs while another instance is still running it, even past its interval', async () => {
    const job = jobNamed(1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const long = runJobOnce(instanceA, job, async () => {
      started();
      await gate;
    });
    await running;
    expect(await runJobOnce(instanceB, job, async () => {})).toBe('running_elsewhere');
    release();
    expect(await long).toBe('ran');
    // Once the interval has passed, the next instance runs it (moved back in time rather than
    // waited for: with a 1 ms interval a fast machine asked again within it).
    await instanceA`update scheduled_job_runs set started_at = started_at - interval '1 minute',
                     finished_at = finished_at - interval '1 minute' where job_name = ${job.name}`;
    expect(await runJobOnce(instanceB, job, async () => {})).toBe('ran');
  });

  it('a failed run passes its error on and frees the job for the next tick', async () => {
    const job = jobNamed(60_000);
    await expect(
      runJobOnce(instanceA, job, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // The next tick comes an interval later. (With a 1 ms interval a fast machine ticked again
    // within it, and the test failed for being quick.)
    await instanceA`update scheduled_job_runs set started_at = started_at - interval '1 minute'
                     where job_name = ${job.name}`;
    expect(await runJobOnce(instanceB, job, async () => {})).toBe('ran');
    const [row] = await instanceA<{ finished: boolean }[]>`
      select finished_at is not null as finished from scheduled_job_runs where job_name = ${job.name}`;
    expect(row?.finished).toBe(true);
  });
});
