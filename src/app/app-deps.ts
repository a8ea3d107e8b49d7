/**
 * What an app instance runs on, built from the configuration: the pool it is given, the rate
 * limiter and the caches' invalidation path. With REDIS_URL both go through Redis (shared
 * counters, pub/sub); without it counters stay in-process and invalidations go through
 * PostgreSQL LISTEN/NOTIFY, so several instances on one database stay correct either way.
 */
import { AppCaches, PUBLIC_DATA_CHANNEL } from './app-caches.ts';
import { postgresBroadcast, redisBroadcast } from './broadcast.ts';
import type { Config } from './config.ts';
import type { Sql } from './database.ts';
import type { AppDeps } from './http.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';
import { connectRedis, redisAddress } from './redis.ts';
import { createRedisRateLimiter } from './redis-rate-limiter.ts';

/** Where the dependencies report trouble (Redis away, a broadcast not sent). */
export type DepsLog = (level: 'warn' | 'info', message: string, error?: unknown) => void;

/** The dependencies and how to let go of their connections (after the app closed). */
export interface OwnedAppDeps {
  deps: AppDeps;
  close(): Promise<void>;
}

/** Builds an instance's dependencies on `sql`; connects to Redis when `config.redisUrl` is set. */
export async function createAppDeps(
  sql: Sql,
  config: Config,
  log: DepsLog = () => {},
): Promise<OwnedAppDeps> {
  const caches = new AppCaches((message, error) => log('warn', message, error));
  if (!config.redisUrl) {
    if (!(await caches.connect(postgresBroadcast(sql, PUBLIC_DATA_CHANNEL)))) {
      log('warn', 'could not LISTEN for other instances’ changes yet: retrying in the background');
    }
    return {
      deps: { sql, config, rateLimiter: createMemoryRateLimiter(), caches },
      close: () => caches.close(),
    };
  }
  const { redis, ready } = await connectRedis(config.redisUrl);
  if (!ready) {
    log(
      'warn',
      `Redis at ${redisAddress(config.redisUrl)} did not answer: going on without it until it does`,
    );
  }
  const rateLimiter = createRedisRateLimiter(redis, { prefix: config.redisKeyPrefix, log });
  // Only once connected: a subscription queued for a Redis that is away would hold up start-up.
  const subscribed = caches.connect(redisBroadcast(redis, config.redisKeyPrefix + PUBLIC_DATA_CHANNEL));
  if (ready) await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  return {
    deps: { sql, config, rateLimiter, caches },
    async close() {
      await caches.close();
      redis.disconnect();
    },
  };
}
