/**
 * The Redis connection of an instance (REDIS_URL). Commands fail fast while Redis is away instead
 * of queueing: a rate-limit check must answer in milliseconds, and its caller falls back to
 * counting in-process (see `redis-rate-limiter.ts`). The client reconnects by itself.
 */
import type { Redis } from 'ioredis';

export type { Redis };

/** Longest a command may take before its caller treats Redis as away. */
const COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for a first connection before going on without Redis for now. */
const FIRST_CONNECT_MS = 3_000;

/**
 * Connects to `url` and waits (a few seconds at most) for the connection to be ready. Resolves
 * either way: `ready` says whether Redis answered, and the client keeps retrying in the background.
 */
export async function connectRedis(url: string): Promise<{ redis: Redis; ready: boolean }> {
  // Loaded only when REDIS_URL is set: a shop without Redis never pays its memory (decision 0016).
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    // Back off up to two seconds between attempts, forever: Redis coming back is picked up.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener an 'error' event would end the process; callers see failures per command.
  redis.on('error', () => {});
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), FIRST_CONNECT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { redis, ready };
}

/** A human-readable Redis address without credentials, for logs. */
export function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}
