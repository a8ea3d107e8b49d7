import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppCaches } from './app-caches.ts';
import { loadConfig } from './config.ts';
import type { Sql } from './database.ts';
import { buildApp } from './http.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';
import { stableJson } from './response-cache.ts';

let app: FastifyInstance;
afterEach(async () => {
  vi.useRealTimers();
  await app.close();
});

/** An app with cached routes: `/cached` (no query schema), `/list` (a query schema), `/items/:id`. */
async function buildCachingApp(caches = new AppCaches()) {
  let computed = 0;
  app = await buildApp(
    { sql: {} as Sql, config: loadConfig({}), rateLimiter: createMemoryRateLimiter(), caches },
    {
      routes: [
        async (a) => {
          const typed = a.withTypeProvider<ZodTypeProvider>();
          typed.get('/cached', { config: { publicCacheSeconds: 1 } }, async () => ({ n: ++computed }));
          typed.get('/fresh', async () => ({ n: ++computed }));
          typed.get(
            '/list',
            {
              config: { publicCacheSeconds: 60 },
              schema: {
                querystring: z.object({
                  sort: z.enum(['new', 'old']).default('new'),
                  page: z.coerce.number().int().min(1).default(1),
                }),
              },
            },
            async (request) => ({ n: ++computed, query: request.query }),
          );
          typed.get(
            '/items/:id',
            { config: { publicCacheSeconds: 60 }, schema: { params: z.object({ id: z.string() }) } },
            async (request) => ({ n: ++computed, id: request.params.id }),
          );
          typed.post('/admin/things', async () => ({ ok: true }));
        },
      ],
    },
  );
  return caches;
}

describe('responseCache', () => {
  it('answers a repeated raw URL before validation with the same bytes and headers, and forgets it on a change', async () => {
    const caches = await buildCachingApp();
    const miss = await app.inject('/list?page=2&junk=1');
    const hit = await app.inject('/list?page=2&junk=1');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.rawPayload.equals(miss.rawPayload)).toBe(true);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers['cache-control']).toBe(miss.headers['cache-control']);
    // the same input written differently shares the entry (one validated key)
    expect((await app.inject('/list?junk=2&page=2')).json()).toEqual(miss.json());
    caches.publicDataChanged();
    const after = await app.inject('/list?page=2&junk=1');
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().n).toBe(miss.json().n + 1);
  });

  it('serves an opted-in GET from memory until it expires, and leaves other routes alone', async () => {
    // The clock moves only when the test says so: a slow machine cannot expire the entry early.
    vi.useFakeTimers({ toFake: ['Date'] });
    await buildCachingApp();
    const first = await app.inject('/cached');
    const second = await app.inject('/cached');
    expect(first.json()).toEqual({ n: 1 });
    expect(second.json()).toEqual({ n: 1 });
    expect(first.headers['x-cache']).toBe('miss');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers['cache-control']).toBe('public, max-age=1');
    expect(second.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject('/fresh')).json()).toEqual({ n: 2 });
    expect((await app.inject('/fresh')).json()).toEqual({ n: 3 });
    vi.setSystemTime(Date.now() + 1_050);
    expect((await app.inject('/cached')).json()).toEqual({ n: 4 });
  });

  it('keys on the validated input: unknown parameters, their order and spelled-out defaults make no new entry', async () => {
    const caches = await buildCachingApp();
    const urls = [
      '/list',
      '/list?utm_source=x',
      '/list?page=1&sort=new',
      '/list?sort=new&page=1&junk=1',
      '/list?page=01',
    ];
    const answers = [];
    for (const url of urls) answers.push(await app.inject(url));
    // One computation (the first), every other URL a hit on the same entry.
    expect(new Set(answers.map((a) => a.json().n)).size).toBe(1);
    expect((await app.inject('/list?page=2')).json().n).toBe(2);
    expect((await app.inject('/cached?anything=1')).headers['x-cache']).toBe('miss');
    expect((await app.inject('/cached?anything=2')).headers['x-cache']).toBe('hit');
    expect((await app.inject('/items/a')).json()).toMatchObject({ id: 'a' });
    expect((await app.inject('/items/b')).json()).toMatchObject({ id: 'b' });
    const response = caches.stats().find((s) => s.name === 'response')!;
    expect(response.entries).toBe(5);
  });

  it('is emptied by a successful merchant write, and reports its size on /metrics', async () => {
    await buildCachingApp();
    await app.inject('/list');
    const before = (await app.inject('/metrics')).body;
    expect(before).toMatch(/^lantern_cache_entries\{cache="response"\} 1$/m);
    expect(before).toMatch(/^lantern_cache_max_bytes\{cache="response"\} 33554432$/m);
    expect((await app.inject({ method: 'POST', url: '/admin/things' })).statusCode).toBe(200);
    const after = (await app.inject('/metrics')).body;
    expect(after).toMatch(/^lantern_cache_entries\{cache="response"\} 0$/m);
    expect(after).toMatch(/^lantern_cache_bytes\{cache="response"\} 0$/m);
    expect((await app.inject('/list')).headers['x-cache']).toBe('miss');
  });
});

describe('stableJson', () => {
  it('sorts keys at every depth and leaves out undefined members', () => {
    expect(stableJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });
});
