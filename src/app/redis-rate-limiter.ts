/**
 * Rate limits shared by every instance: fixed-window counters in Redis, counted and given their
 * expiry by one Lua script (atomic, one round trip). Keys are hashed, so no email, phone number or
 * address is written to Redis.
 *
 * When Redis is away the limiter fails open to counting in this process: each instance still
 * enforces every limit on its own (at most one window's worth per instance), it logs the switch
 * both ways, and requests never wait on Redis for more than a command timeout.
 */
import { createHash } from 'node:crypto';
import { createMemoryRateLimiter, type RateLimit, type RateLimiter, rateLimited } from './rate-limit.ts';
import type { Redis } from './redis.ts';

/** INCR, then PEXPIRE when the key has no expiry yet (a new window); returns count and ms left. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

interface RedisWithHit extends Redis {
  lanternRateHit(key: string, windowMs: number): Promise<[number, number]>;
}

export interface RedisRateLimiterOptions {
  /** Prefix of every key (the shop's REDIS_KEY_PREFIX). */
  prefix: string;
  /** Told when counting moves to this process and back. */
  log: (level: 'warn' | 'info', message: string, error?: unknown) => void;
}

/** A limiter whose counters every instance shares, falling back to this process's memory. */
export function createRedisRateLimiter(
  redis: Redis,
  options: RedisRateLimiterOptions,
): RateLimiter & {
  /** True while counting in-process because Redis did not answer. */
  readonly degraded: boolean;
} {
  redis.defineCommand('lanternRateHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  const client = redis as RedisWithHit;
  const fallback = createMemoryRateLimiter();
  const keyPrefix = `${options.prefix}rate:`;
  let degraded = false;

  return {
    get degraded() {
      return degraded;
    },
    async hit(limit: RateLimit, key: string) {
      let count: number;
      let msLeft: number;
      try {
        [count, msLeft] = await client.lanternRateHit(keyPrefix + hashed(limit.name, key), limit.windowMs);
      } catch (error) {
        if (!degraded) {
          degraded = true;
          options.log(
            'warn',
            'Redis did not answer: rate limits are counted in this process until it does',
            error,
          );
        }
        return fallback.hit(limit, key);
      }
      if (degraded) {
        degraded = false;
        options.log('info', 'Redis answers again: rate limits are shared between instances again');
      }
      if (count > limit.max) throw rateLimited(msLeft);
    },
    async reset() {
      await fallback.reset();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscaped(keyPrefix)}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}

function hashed(name: string, key: string): string {
  return `${name}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

/** `prefix` as a literal in a SCAN pattern. */
export function globEscaped(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, '\\$&');
}
