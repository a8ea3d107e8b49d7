/**
 * Issue 7, point 5: several instances of one shop on one database, with and without Redis.
 * Rate limits are shared through Redis; a merchant's write on one instance empties every
 * instance's public caches (Redis pub/sub, or PostgreSQL LISTEN/NOTIFY without Redis); a
 * scheduled job runs once across instances started together.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/app/config.ts';
import { type Job, startJobs } from '../src/app/jobs.ts';
import { runJobOnce } from '../src/app/run-job-once.ts';
import { useTestRedis } from './redis.ts';
import { DEMO, loginStaff } from './security/security-support.ts';
import { buildTestApp, createTestDatabase } from './support.ts';

const { sql } = await createTestDatabase();
const redis = await useTestRedis();
const withRedis: Partial<Config> = { redisUrl: redis.url, redisKeyPrefix: redis.prefix };

/** A series' value on an instance's /metrics. */
async function metric(app: FastifyInstance, series: string): Promise<number> {
  const line = (await app.inject('/metrics')).body.split('\n').find((l) => l.startsWith(`${series} `));
  if (line === undefined) throw new Error(`${series} is not on /metrics`);
  return Number(line.split(' ')[1]);
}

/**
 * Waits until `check` holds (a message between instances takes a moment). The bound only turns a
 * hang into a readable failure before the test timeout; it asserts nothing about speed.
 */
async function eventually(check: () => Promise<boolean>, what: string, ms = 25_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still not true after ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const productSlug = async () =>
  (
    await sql<
      { slug: string; id: string }[]
    >`select slug, id from products where status = 'published' order by id limit 1`
  )[0]!;

for (const [mode, config] of [
  ['with Redis', withRedis],
  ['without Redis (PostgreSQL LISTEN/NOTIFY)', {}],
] as const) {
  describe(`two instances on one database, ${mode}`, () => {
    let a: FastifyInstance;
    let b: FastifyInstance;
    beforeAll(async () => {
      [a, b] = await Promise.all([buildTestApp(sql, config), buildTestApp(sql, config)]);
    });

    it(`go through ${config.redisUrl ? 'Redis' : 'PostgreSQL'} for invalidations`, () => {
      expect(a.deps.caches.transport).toBe(config.redisUrl ? 'redis' : 'postgres');
    });

    it("a merchant's write on A empties B's response and page caches at once, and B then serves the change", async () => {
      const staff = await loginStaff(a, DEMO.merchant);
      const product = await productSlug();
      const read = () => b.inject(`/store/products/${product.slug}`);
      await read();
      expect((await read()).headers['x-cache']).toBe('hit');
      expect((await b.inject({ url: '/', headers: { accept: 'text/html' } })).statusCode).toBe(200);
      expect(await metric(b, 'lantern_cache_entries{cache="response"}')).toBeGreaterThan(0);
      expect(await metric(b, 'lantern_cache_entries{cache="storefront_pages"}')).toBeGreaterThan(0);

      const title = { zh: `新标题 ${mode}`, en: `New title ${mode}` };
      const write = await a.inject({
        method: 'PATCH',
        url: `/admin/products/${product.id}`,
        headers: { authorization: `Bearer ${staff.token}` },
        payload: { title },
      });
      expect(write.statusCode, write.body).toBe(200);

      await eventually(
        async () =>
          (await metric(b, 'lantern_cache_entries{cache="response"}')) === 0 &&
          (await metric(b, 'lantern_cache_entries{cache="storefront_pages"}')) === 0,
        "B's caches emptied",
      );
      const after = await read();
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.json().title).toEqual(title);
    });

    it('A and B do not empty each other’s caches on reads or on a refused write', async () => {
      await b.inject('/store/brands');
      const entries = await metric(b, 'lantern_cache_entries{cache="response"}');
      expect(entries).toBeGreaterThan(0);
      const refused = await a.inject({ method: 'PATCH', url: '/admin/products/prod_nope', payload: {} });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      await a.inject('/store/brands');
      expect(await metric(b, 'lantern_cache_entries{cache="response"}')).toBe(entries);
    });
  });
}

describe('rate limits on two instances with one Redis', () => {
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    [a, b] = await Promise.all([buildTestApp(sql, withRedis), buildTestApp(sql, withRedis)]);
  });

  it('hits on A count on B: the beacon limit (30 a minute per address) is shared, not 30 each', async () => {
    const remoteAddress = `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]! % 250}`;
    const beacon = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/store/events',
        remoteAddress,
        payload: { events: [{ kind: 'search', query: 'lamp' }] },
      });
    for (let i = 0; i < 15; i++) {
      expect((await beacon(a)).statusCode).toBe(202);
      expect((await beacon(b)).statusCode).toBe(202);
    }
    const refused = await beacon(b);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ type: '/problems/rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await beacon(a)).statusCode).toBe(429);
  });

  it('without Redis each instance counts on its own (the documented limit of a Redis-less fleet)', async () => {
    const [c, d] = await Promise.all([buildTestApp(sql), buildTestApp(sql)]);
    const limit = { name: 'test-shared', max: 1, windowMs: 60_000 };
    await c.deps.rateLimiter.hit(limit, 'k');
    await expect(d.deps.rateLimiter.hit(limit, 'k')).resolves.toBeUndefined();
    await expect(c.deps.rateLimiter.hit(limit, 'k')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});

describe('scheduled jobs on two instances started together', () => {
  it('run once, not once per instance', async () => {
    const [a, b] = await Promise.all([buildTestApp(sql, withRedis), buildTestApp(sql, withRedis)]);
    const name = `test.once-${randomBytes(4).toString('hex')}`;
    const runs: string[] = [];
    const errors: unknown[] = [];
    const jobOf = (instance: string): Job => ({
      name,
      everyMs: 60_000,
      run: async () => {
        runs.push(instance);
      },
    });
    // Both instances tick the job at its first-run time (soon, for the test), each through the
    // real once-across-instances claim; once both ticks settled, exactly one may have run.
    const ticks: Promise<unknown>[] = [];
    const options = {
      firstRunMs: 50,
      once: (job: Job, run: () => Promise<unknown>) => {
        const tick = runJobOnce(sql, job, run);
        ticks.push(tick);
        return tick;
      },
    };
    const stops = [
      startJobs([jobOf('A')], a.deps, (_job, error) => errors.push(error), options),
      startJobs([jobOf('B')], b.deps, (_job, error) => errors.push(error), options),
    ];
    await eventually(async () => ticks.length === 2, 'both first ticks');
    await Promise.allSettled(ticks);
    await Promise.all(stops.map((stop) => stop()));
    expect(errors).toEqual([]);
    expect(runs).toHaveLength(1);
    const [claim] = await sql<{ finished: boolean }[]>`
      select finished_at is not null as finished from scheduled_job_runs where job_name = ${name}`;
    expect(claim?.finished).toBe(true);
  });
});
