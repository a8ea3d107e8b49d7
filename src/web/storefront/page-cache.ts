/**
 * A few seconds of caching for anonymous catalog pages (home, listing, product) and for catalog
 * reads that are the same for every shopper. Both are the app's bounded caches (`AppCaches`):
 * bounded in bytes, on /metrics, emptied on every instance when a merchant changes public data.
 * Pages with personal data never go in: callers only use the page cache when the request has no
 * shopper session, keyed by the page's canonical URL (never the raw one).
 */
import type { AppCaches } from '../../app/app-caches.ts';
import { type BoundedCache, estimateBytes } from '../../app/bounded-cache.ts';
import type { CompressedPage } from '../layout/send-page.ts';

const TTL_MS = 5_000;
const PAGES_MAX_BYTES = 16 * 1024 * 1024;
const READS_MAX_BYTES = 8 * 1024 * 1024;

/** A cached page and its status. */
export interface CachedPage {
  page: CompressedPage;
  status: number;
}

/** The anonymous-page cache of an app. */
export function createPageCache(caches: AppCaches): BoundedCache<CachedPage> {
  return caches.create<CachedPage>({ name: 'storefront_pages', maxBytes: PAGES_MAX_BYTES, ttlMs: TTL_MS });
}

/** Bytes of a compressed page as kept (all three encodings). */
export function pageBytes(page: CompressedPage): number {
  return page.body.length + page.br.length + page.gzip.length;
}

/**
 * Catalog reads (product detail, shelves, listings) shared by every shopper, so pages rendered
 * fresh for a session still skip most queries.
 */
export class DataCache {
  private readonly cache: BoundedCache<Promise<unknown>>;

  constructor(caches: AppCaches, name = 'storefront_reads') {
    this.cache = caches.create<Promise<unknown>>({ name, maxBytes: READS_MAX_BYTES, ttlMs: TTL_MS });
  }

  /** The cached result of `load` for `key`; concurrent callers share one load, failures are not kept. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) return hit as Promise<T>;
    const value = load();
    // Counted small while loading, then at its size once known.
    this.cache.set(key, value, 0);
    const generation = this.cache.generation;
    value.then(
      (result) => {
        if (this.cache.peek(key) === value && this.cache.generation === generation) {
          this.cache.set(key, value, estimateBytes(result));
        }
      },
      () => {
        if (this.cache.peek(key) === value) this.cache.delete(key);
      },
    );
    return value;
  }
}
