/**
 * The one cache helper of the app: a map bounded in bytes (not entries) that evicts the least
 * recently used entries first, with an optional time to live per entry. Every cache of the shop
 * (API answers, storefront pages, recommendation facts) is one of these, created through
 * `AppCaches` so its size shows on /metrics and public-data changes empty it.
 */

/** What a cache is allowed to hold and for how long. */
export interface BoundedCacheOptions {
  /** The metric label (`lantern_cache_bytes{cache="<name>"}`). */
  name: string;
  /** Keys, values and the per-entry overhead together stay at or under this. */
  maxBytes: number;
  /** Default time to live of an entry; without it entries live until evicted or cleared. */
  ttlMs?: number;
}

/** Counters of a cache, as /metrics shows them. */
export interface CacheStats {
  name: string;
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

/** Bookkeeping of one Map entry and its object, counted on top of key and value bytes. */
export const ENTRY_OVERHEAD_BYTES = 128;

interface Entry<V> {
  value: V;
  bytes: number;
  /** 0: never expires. */
  expiresAt: number;
}

/**
 * A least-recently-used cache bounded in bytes. The caller says how many bytes a value takes
 * (`set(key, value, bytes)`): a body's length, an estimate for objects.
 *
 * @example
 * const cache = new BoundedCache<string>({ name: 'pages', maxBytes: 8 << 20, ttlMs: 5_000 });
 * cache.set('/', html, Buffer.byteLength(html));
 * cache.get('/'); // html, until it expires, is evicted or the cache is cleared
 */
export class BoundedCache<V> {
  readonly name: string;
  readonly maxBytes: number;
  private readonly ttlMs: number | undefined;
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry<V>>();
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  /**
   * Bumped by `clear`. A reader that started before a clear compares it before storing what it
   * read, so a value read before a change is not kept after it.
   */
  generation = 0;

  constructor(options: BoundedCacheOptions) {
    this.name = options.name;
    this.maxBytes = options.maxBytes;
    this.ttlMs = options.ttlMs;
  }

  /** The live value for `key`, marked as recently used; undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    if (entry.expiresAt !== 0 && entry.expiresAt <= Date.now()) {
      this.remove(key, entry);
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.value;
  }

  /** The value for `key` without counting a hit, touching recency or checking expiry. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /**
   * Stores `value` as `bytes` long (the key and a fixed overhead are added), evicting the least
   * recently used entries until everything fits. A value larger than the whole bound is not kept.
   */
  set(key: string, value: V, bytes: number, ttlMs = this.ttlMs): void {
    const size = bytes + key.length * 2 + ENTRY_OVERHEAD_BYTES;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    if (size > this.maxBytes) return;
    while (this.totalBytes + size > this.maxBytes) this.evictOldest();
    this.entries.set(key, { value, bytes: size, expiresAt: ttlMs ? Date.now() + ttlMs : 0 });
    this.totalBytes += size;
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  /** Forgets everything and bumps `generation`. */
  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
    this.generation++;
  }

  /** Keys and values, least recently used first (for periodic refreshes). */
  *[Symbol.iterator](): IterableIterator<[string, V]> {
    for (const [key, entry] of this.entries) yield [key, entry.value];
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as counted by `set`. */
  get bytes(): number {
    return this.totalBytes;
  }

  stats(): CacheStats {
    return {
      name: this.name,
      entries: this.entries.size,
      bytes: this.totalBytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }

  private evictOldest(): void {
    const oldest = this.entries.entries().next().value;
    if (!oldest) return;
    this.remove(oldest[0], oldest[1]);
    this.evictions++;
  }

  private remove(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.totalBytes -= entry.bytes;
  }
}

/** Bytes of a body as sent: a Buffer's length, a string's UTF-8 length. */
export function bodyBytes(body: string | Buffer): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.length;
}

/**
 * An estimate of the bytes an object held in a cache takes: the length of its JSON. Costs a
 * serialisation, so callers use it once per stored value, never per hit.
 */
export function estimateBytes(value: unknown): number {
  try {
    return (JSON.stringify(value)?.length ?? 8) * 2;
  } catch {
    return 1_024;
  }
}
