import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { loadConfig } from './config.ts';
import { platformJobs } from './platform-jobs.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

describe('platform jobs', () => {
  it('prune idempotency records older than a day, and only those', async () => {
    const { sql } = await createTestDatabase();
    await sql`insert into idempotency_keys (scope, key, request_hash, created_at)
              values ('t', 'old', 'h', now() - interval '25 hours'), ('t', 'new', 'h', now())`;
    const deps = { sql, config: loadConfig({}), rateLimiter: createMemoryRateLimiter() };
    for (const job of platformJobs) await job.run(deps);
    const left = await sql<{ key: string }[]>`select key from idempotency_keys where scope = 't'`;
    expect(left.map((r) => r.key)).toEqual(['new']);
  });
});
