import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/free-port.ts';
import { useTestRedis } from '../../test/redis.ts';
import { connectRedis } from './redis.ts';
import { createRedisRateLimiter } from './redis-rate-limiter.ts';

const { url, prefix, redis } = await useTestRedis();
const quiet = () => {};
const limit = (name: string, max = 3) => ({ name, max, windowMs: 60_000 });

/** Two instances' limiters on one Redis, each with its own connection. */
const instances = await Promise.all([connectRedis(url), connectRedis(url)]);
afterAll(() => {
  for (const i of instances) i.redis.disconnect();
});
const [limiterA, limiterB] = instances.map((i) => createRedisRateLimiter(i.redis, { prefix, log: quiet }));

describe('createRedisRateLimiter', () => {
  it('counts the hits of every instance against one limit, then answers 429 with the time left', async () => {
    await limiterA!.hit(limit('shared'), 'shopper@example.com');
    await limiterB!.hit(limit('shared'), 'shopper@example.com');
    await limiterA!.hit(limit('shared'), 'shopper@example.com');
    const refused = await limiterB!.hit(limit('shared'), 'shopper@example.com').catch((e) => e);
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(refused.extra.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.extra.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other keys and other limits have their own counters.
    await expect(limiterB!.hit(limit('shared'), 'other@example.com')).resolves.toBeUndefined();
    await expect(limiterB!.hit(limit('other'), 'shopper@example.com')).resolves.toBeUndefined();
  });

  it('gives each window an expiry and writes no personal data into Redis keys', async () => {
    await limiterA!.hit(limit('expiry'), 'someone@example.com');
    const keys = await redis.keys(`${prefix}rate:expiry:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('someone');
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window once the old one expired', async () => {
    // A window long enough that a busy machine never sees it end between the two hits; Redis
    // then ends it (the key's expiry), as it would after the window's time.
    const window = { name: 'window', max: 1, windowMs: 60_000 };
    await limiterA!.hit(window, 'k');
    await expect(limiterA!.hit(window, 'k')).rejects.toMatchObject({ code: 'rate_limited' });
    const [key] = await redis.keys(`${prefix}rate:window:*`);
    await redis.pexpire(key!, 1);
    await expect.poll(() => redis.exists(key!)).toBe(0);
    await expect(limiterB!.hit(window, 'k')).resolves.toBeUndefined();
  });

  it('reset forgets its counters', async () => {
    const one = limit('reset', 1);
    await limiterA!.hit(one, 'k');
    await limiterA!.reset();
    await expect(limiterA!.hit(one, 'k')).resolves.toBeUndefined();
  });
});

describe('when Redis goes away', () => {
  /** A Redis server of this test's own, so it can be stopped and started again. */
  async function startRedisServer(port: number): Promise<ChildProcess> {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (d) => {
        output += d;
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
    return child;
  }
  const stopped = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  it('falls back to counting in-process (still limiting), logs it, and shares counters again once Redis is back', async () => {
    const port = await freePort();
    let server = await startRedisServer(port);
    const { redis: own, ready } = await connectRedis(`redis://127.0.0.1:${port}`);
    const logs: string[] = [];
    const limiter = createRedisRateLimiter(own, {
      prefix,
      log: (level) => {
        logs.push(level);
      },
    });
    try {
      expect(ready).toBe(true);
      await limiter.hit(limit('away', 2), 'k');
      await stopped(server);

      // Away: answers come at once from this process's own counters, which still refuse.
      await expect(limiter.hit(limit('away', 2), 'k')).resolves.toBeUndefined();
      await expect(limiter.hit(limit('away', 2), 'k')).resolves.toBeUndefined();
      await expect(limiter.hit(limit('away', 2), 'k')).rejects.toMatchObject({ code: 'rate_limited' });
      expect(limiter.degraded).toBe(true);
      expect(logs).toEqual(['warn']);

      server = await startRedisServer(port);
      const until = Date.now() + 10_000;
      while (limiter.degraded && Date.now() < until) {
        await limiter.hit(limit('back', 100), 'k');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(limiter.degraded).toBe(false);
      expect(logs).toEqual(['warn', 'info']);
      expect(await own.keys(`${prefix}rate:back:*`)).toHaveLength(1);
    } finally {
      own.disconnect();
      await stopped(server);
    }
  });
});
