/**
 * Every cache of one app instance, and the one path by which they learn that public data changed.
 * A merchant write (any successful unsafe /admin request) empties this instance's public caches at
 * once and is broadcast (`broadcast.ts`) to the other instances, which empty theirs on receipt.
 * /metrics reports each cache's entries and bytes.
 */
import { randomBytes } from 'node:crypto';
import { BoundedCache, type BoundedCacheOptions, type CacheStats } from './bounded-cache.ts';
import type { Broadcast } from './broadcast.ts';

/** Where the invalidation path tells what went wrong (a broadcast that could not be sent). */
export type CacheLog = (message: string, error?: unknown) => void;

/** The public-data channel (prefixed by REDIS_KEY_PREFIX on Redis). */
export const PUBLIC_DATA_CHANNEL = 'lantern_public_data_changed';

interface Tracked {
  cache: BoundedCache<unknown>;
  publicData: boolean;
}

/** The caches of one app instance. */
export class AppCaches {
  /** Tells this instance's messages apart from the other instances'. */
  readonly instanceId = randomBytes(8).toString('hex');
  private readonly tracked = new Set<Tracked>();
  private readonly listeners = new Set<() => void>();
  private broadcast: Broadcast | undefined;
  private readonly log: CacheLog;

  constructor(log: CacheLog = () => {}) {
    this.log = log;
  }

  /**
   * A new cache reported on /metrics. With `publicData` (the default) it holds only public data
   * and is emptied whenever public data changes on any instance.
   */
  create<V>(options: BoundedCacheOptions & { publicData?: boolean }): BoundedCache<V> {
    const cache = new BoundedCache<V>(options);
    this.track(cache, { publicData: options.publicData ?? true });
    return cache;
  }

  /** Reports a cache made elsewhere (a module's process-wide cache) and empties it like `create`'s. */
  track(cache: BoundedCache<unknown>, options: { publicData: boolean }): () => void {
    const entry = { cache, publicData: options.publicData };
    this.tracked.add(entry);
    return () => this.tracked.delete(entry);
  }

  /** Calls `listener` whenever public data changes (for state that is not a BoundedCache). */
  onPublicDataChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Public data changed here: empties this instance's caches now and tells the other instances. */
  publicDataChanged(): void {
    this.emptyPublicCaches();
    this.broadcast?.publish(this.instanceId).catch((error: unknown) => {
      // The other instances catch up within their caches' time to live.
      this.log('could not tell the other instances that public data changed', error);
    });
  }

  /**
   * Starts hearing the other instances' changes over `broadcast` (and telling them ours);
   * resolves once subscribed (false when that failed for now: it is retried in the background).
   */
  connect(broadcast: Broadcast): Promise<boolean> {
    this.broadcast = broadcast;
    return broadcast.subscribe(
      (origin) => {
        if (origin !== this.instanceId) this.emptyPublicCaches();
      },
      // Changes may have been missed while the subscription was down.
      () => this.emptyPublicCaches(),
    );
  }

  /** How the caches hear of other instances' changes: 'redis', 'postgres' or 'none'. */
  get transport(): Broadcast['transport'] | 'none' {
    return this.broadcast?.transport ?? 'none';
  }

  /** Counters of every cache, for /metrics. */
  stats(): CacheStats[] {
    return [...this.tracked].map((t) => t.cache.stats());
  }

  async close(): Promise<void> {
    await this.broadcast?.close();
  }

  private emptyPublicCaches(): void {
    for (const t of this.tracked) if (t.publicData) t.cache.clear();
    for (const listener of this.listeners) listener();
  }
}
