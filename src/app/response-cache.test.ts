import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import type { Sql } from './database.ts';
import { buildApp } from './http.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

describe('responseCache', () => {
  it('serves an opted-in GET from memory until it expires, and leaves other routes alone', async () => {
    let computed = 0;
    const app = await buildApp(
      { sql: {} as Sql, config: loadConfig({}), rateLimiter: createMemoryRateLimiter() },
      {
        routes: [
          async (a) => {
            a.get('/cached', { config: { publicCacheSeconds: 1 } }, async () => ({ n: ++computed }));
            a.get('/fresh', async () => ({ n: ++computed }));
          },
        ],
      },
    );
    const first = await app.inject('/cached');
    const second = await app.inject('/cached');
    expect(first.json()).toEqual({ n: 1 });
    expect(second.json()).toEqual({ n: 1 });
    expect(first.headers['x-cache']).toBe('miss');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers['cache-control']).toBe('public, max-age=1');
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject('/cached?other')).json()).toEqual({ n: 2 });
    expect((await app.inject('/fresh')).json()).toEqual({ n: 3 });
    expect((await app.inject('/fresh')).json()).toEqual({ n: 4 });
    await new Promise((r) => setTimeout(r, 1_050));
    expect((await app.inject('/cached')).json()).toEqual({ n: 5 });
    await app.close();
  });
});
