/**
 * A few seconds of in-process caching for anonymous catalog pages (home, listing, product),
 * keyed by URL and display preferences. Pages with personal data never go in: callers only use
 * it when the request has no shopper session.
 */
import { onPublicDataChanged } from '../../app/public-data-changes.ts';
import type { CompressedPage } from '../layout/send-page.ts';

const TTL_MS = 5_000;
const MAX_ENTRIES = 500;

interface Entry {
  page: CompressedPage;
  status: number;
  expiresAt: number;
}

/** A small TTL cache with oldest-first eviction. */
export class PageCache {
  private entries = new Map<string, Entry>();
  private ttlMs: number;
  private maxEntries: number;
  constructor(ttlMs = TTL_MS, maxEntries = MAX_ENTRIES) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    // A merchant's edit shows at once, not after the TTL.
    onPublicDataChanged(() => this.entries.clear());
  }

  /** The live entry for `key`, if any. */
  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a page for the TTL. */
  set(key: string, page: CompressedPage, status: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { page, status, expiresAt: Date.now() + this.ttlMs });
  }
}

/**
 * A few seconds of caching for catalog reads (product detail, shelves, listings) that are the
 * same for every shopper, so pages rendered fresh for a session still skip most queries.
 */
export class DataCache {
  private entries = new Map<string, { value: Promise<unknown>; expiresAt: number }>();
  private ttlMs: number;
  private maxEntries: number;
  constructor(ttlMs = TTL_MS, maxEntries = MAX_ENTRIES) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    // A merchant's edit shows at once, not after the TTL.
    onPublicDataChanged(() => this.entries.clear());
  }

  /** The cached result of `load` for `key`; concurrent callers share one load, failures are not kept. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value as Promise<T>;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const value = load();
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
