/**
 * Fixed-window rate limits (login, one-time codes, checkout, coupons). In-process by default;
 * with REDIS_URL the counters live in Redis and are shared by every instance
 * (`redis-rate-limiter.ts`), behind this same interface.
 */
import { DomainError } from './errors.ts';

export interface RateLimit {
  /** Name of what is limited, e.g. `login`. */
  name: string;
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one hit for `key`; throws a 429 `rate_limited` problem when over the limit. */
  hit(limit: RateLimit, key: string): Promise<void>;
  /** Forgets every counter (tests). */
  reset(): Promise<void>;
}

/** The 429 problem of a limit that is used up, saying when to come back. */
export function rateLimited(retryAfterMs: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError('rate_limited', 429, `Too many attempts; try again in ${retryAfterSeconds} s.`, {
    extra: { retryAfterSeconds },
  });
}

/** Counters in this process's memory, pruned as windows pass. */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let lastPrune = now();
  return {
    async hit(limit, key) {
      const t = now();
      if (t - lastPrune > 60_000) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        lastPrune = t;
      }
      const id = `${limit.name}:${key}`;
      let window = windows.get(id);
      if (!window || window.resetAt <= t) {
        window = { count: 0, resetAt: t + limit.windowMs };
        windows.set(id, window);
      }
      window.count++;
      if (window.count > limit.max) throw rateLimited(window.resetAt - t);
    },
    async reset() {
      windows.clear();
    },
  };
}
