import { describe, expect, it } from 'vitest';
import { BoundedCache, ENTRY_OVERHEAD_BYTES } from './bounded-cache.ts';

/** Bytes `set` counts for a one-character key and a value of `bytes`. */
const sized = (bytes: number) => bytes + 2 + ENTRY_OVERHEAD_BYTES;

describe('BoundedCache', () => {
  it('stays within its byte bound however many distinct keys arrive, evicting least recently used first', () => {
    const cache = new BoundedCache<string>({ name: 't', maxBytes: 10_000 });
    for (let i = 0; i < 5_000; i++) cache.set(`key-${i}`, 'x'.repeat(500), 500);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeLessThan(20);
    expect(cache.get('key-4999')).toBeDefined();
    expect(cache.get('key-0')).toBeUndefined();
    expect(cache.stats().evictions).toBe(5_000 - cache.size);
  });

  it('keeps a recently read entry over an older unread one', () => {
    const cache = new BoundedCache<number>({ name: 't', maxBytes: sized(100) * 2 });
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3, 100);
    expect(cache.peek('a')).toBe(1);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('c')).toBe(3);
  });

  it('counts a replaced value once, refuses a value larger than the bound, and empties on clear', () => {
    const cache = new BoundedCache<string>({ name: 't', maxBytes: 1_000 });
    cache.set('a', 'x', 100);
    cache.set('a', 'y', 200);
    expect(cache.bytes).toBe(sized(200));
    cache.set('b', 'huge', 5_000);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe('y');
    const generation = cache.generation;
    cache.clear();
    expect([cache.size, cache.bytes, cache.generation]).toEqual([0, 0, generation + 1]);
  });

  it('forgets an entry whose time to live has passed', () => {
    const cache = new BoundedCache<string>({ name: 't', maxBytes: 1_000, ttlMs: 60_000 });
    cache.set('kept', 'v', 1);
    cache.set('gone', 'v', 1, -1);
    expect(cache.get('kept')).toBe('v');
    expect(cache.get('gone')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
  });
});
