/**
 * Issue 7, point 1 (resource abuse): the response cache keyed on the full URL, so 5,000 junk
 * query strings made 5,000 entries, each a copy of the answer (263 → 807 MB). Caches key on the
 * validated input and are bounded in bytes; their own counters on /metrics prove it.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';

const { app } = await createTestApp();
const JUNK = 5_000;

/** The value of a Prometheus series on /metrics (undefined when absent). */
async function metric(name: string, cache: string): Promise<number | undefined> {
  const body = (await app.inject('/metrics')).body;
  const line = body.split('\n').find((l) => l.startsWith(`${name}{cache="${cache}"} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

/** Entries and bytes of a cache, checked to be within its byte bound. */
async function cacheSize(cache: string) {
  const [entries, bytes, maxBytes] = await Promise.all([
    metric('lantern_cache_entries', cache),
    metric('lantern_cache_bytes', cache),
    metric('lantern_cache_max_bytes', cache),
  ]);
  expect(entries, `lantern_cache_entries{cache="${cache}"} on /metrics`).toBeTypeOf('number');
  expect(bytes).toBeLessThanOrEqual(maxBytes!);
  return { entries: entries!, bytes: bytes! };
}

describe('response cache under junk query strings', () => {
  for (const [route, junk] of [
    // a query schema that drops unknown parameters
    ['/store/search', (i: number) => `/store/search?q=&utm_${i}=${i}`],
    // no query schema at all
    ['/store/categories', (i: number) => `/store/categories?v=${i}`],
    ['/store/products/hot', (i: number) => `/store/products/hot?limit=12&x${i}=1`],
  ] as const) {
    it(`${route}: ${JUNK} distinct junk query strings make one entry and a few kilobytes, not ${JUNK} copies`, async () => {
      const first = await app.inject(junk(0));
      expect(first.statusCode).toBe(200);
      const entriesBefore = await metric('lantern_cache_entries', 'response');
      let misses = 0;
      for (let i = 1; i <= JUNK; i++) {
        const res = await app.inject(junk(i));
        expect(res.statusCode).toBe(200);
        if (res.headers['x-cache'] !== 'hit') misses++;
      }
      // Answered from the entry the first request made (made again only when its few seconds of
      // life run out), not stored again under a new key per junk string.
      expect(misses).toBeLessThan(JUNK / 10);
      const before = { entries: entriesBefore, bytes: await metric('lantern_cache_bytes', 'response') };
      const after = await cacheSize('response');
      // At most the route's own entry again (emptied meanwhile by a renewal of the invalidation
      // listener, say), never one per junk string.
      expect(after.entries).toBeLessThanOrEqual(before.entries! + 1);
      expect(after.bytes).toBeLessThan(before.bytes! + 1024 * 1024);
    }, 180_000);
  }

  it('a strict query schema refuses unknown parameters instead of caching them', async () => {
    const res = await app.inject('/store/products?junk=1');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('storefront page cache under junk query strings', () => {
  it('anonymous home and search pages are cached per canonical URL, whatever else the URL carries', async () => {
    const pages = ['/', '/search?q=%E8%80%B3%E6%9C%BA'];
    for (const page of pages) {
      const res = await app.inject({ url: page, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
    }
    const entriesBefore = await metric('lantern_cache_entries', 'storefront_pages');
    for (let i = 0; i < 500; i++) {
      for (const page of pages) {
        const url = `${page}${page.includes('?') ? '&' : '?'}utm_campaign=${i}&page=1`;
        const res = await app.inject({ url, headers: { accept: 'text/html' } });
        expect(res.statusCode).toBe(200);
        // The page's own forms return to the canonical URL, not to the junk one.
        expect(res.body).not.toContain(`utm_campaign=${i}`);
      }
    }
    const after = await cacheSize('storefront_pages');
    expect(after.entries).toBeLessThanOrEqual(entriesBefore! + pages.length);
  }, 180_000);
});
