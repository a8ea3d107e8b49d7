/**
 * The Redis server of the tests: TEST_REDIS_URL, or database 9 of the server on 127.0.0.1:6379
 * (`.ci/run` starts one when none answers). Each test file gets a key prefix of its own and
 * deletes its keys afterwards, so runs sharing a server never meet and nothing else is touched.
 * An unreachable Redis fails the file with a message saying what to do: these tests never skip.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { globEscaped } from '../src/app/redis-rate-limiter.ts';

/** The Redis the tests use. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/9';

/** A client, the URL and a fresh key prefix for this test file; its keys are deleted after the file. */
export async function useTestRedis(): Promise<{ redis: Redis; url: string; prefix: string }> {
  const prefix = `lantern-test-${randomBytes(6).toString('hex')}:`;
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (${(lastError ?? (error as Error)).message}). The Redis tests need a ` +
        'real server: start one with `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" ' +
        '--appendonly no`, or point TEST_REDIS_URL at one.',
    );
  }
  afterAll(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscaped(prefix)}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  });
  return { redis, url: TEST_REDIS_URL, prefix };
}
