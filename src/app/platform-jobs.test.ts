import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { AppCaches } from './app-caches.ts';
import { loadConfig } from './config.ts';
import { platformJobs } from './platform-jobs.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

describe('platform jobs', () => {
  it('prune idempotency records older than a day, and only those', async () => {
    const { sql } = await createTestDatabase();
    await sql`insert into idempotency_keys (scope, key, request_hash, created_at)
              values ('t', 'old', 'h', now() - interval '25 hours'), ('t', 'new', 'h', now())`;
    const deps = {
      sql,
      config: loadConfig({}),
      rateLimiter: createMemoryRateLimiter(),
      caches: new AppCaches(),
    };
    for (const job of platformJobs) await job.run(deps);
    const left = await sql<{ key: string }[]>`select key from idempotency_keys where scope = 't'`;
    expect(left.map((r) => r.key)).toEqual(['new']);
  });

  it('prune dead letters discarded more than 30 days ago, and only those', async () => {
    const { sql } = await createTestDatabase();
    for (const [id, discardedAt] of [
      ['dlq_old', '40 days'],
      ['dlq_recent', '1 day'],
      ['dlq_waiting', null],
    ] as const) {
      await sql`insert into dead_letter_events (id, consumer, event_id, event_type, aggregate_id, payload,
                  event_created_at, error, attempts, first_failed_at, last_failed_at, discarded_at)
                values (${id}, 'c', ${id.length}, 'test.happened', 'a', '{}', now(), 'Error: x', 5, now(), now(),
                        now() - ${discardedAt}::interval)`;
    }
    const deps = {
      sql,
      config: loadConfig({}),
      rateLimiter: createMemoryRateLimiter(),
      caches: new AppCaches(),
    };
    for (const job of platformJobs) await job.run(deps);
    const left = await sql<{ id: string }[]>`select id from dead_letter_events order by id`;
    expect(left.map((r) => r.id)).toEqual(['dlq_recent', 'dlq_waiting']);
  });
});
