/**
 * What personalises one shopper's placements, cached per shopper key: their latest consented
 * events (the session signal) and the products their removed interests rule out. When their
 * events, consent or interests change, this process drops the entry at once (`shopperChanged`),
 * and a change committed by any instance marks it for a refresh through PostgreSQL NOTIFY (the
 * triggers of migration 0832), seen from the next request or the one after. The TTL is then only
 * a safety net; without notifications (a pooler that cannot LISTEN) it is short, and another
 * instance's change shows within it. Entries live in the app's cache helper: bounded in bytes,
 * least recently used out first, on /metrics as `recommendation_signals`.
 */
import { BoundedCache } from '../../../app/bounded-cache.ts';
import { listenToPostgres } from '../../../app/broadcast.ts';
import type { Db, Sql } from '../../../app/database.ts';
import { recentSessionEvents, type SessionEvent } from '../events/recent-session-events.ts';
import { onShopperChanged } from '../events/shopper-changes.ts';
import { removedInterestProductIds } from '../profiles/removed-interest-product-ids.ts';

/** A shopper's personal signals; both empty when personalisation is off. */
export interface ShopperSignals {
  events: readonly SessionEvent[];
  /** Products the shopper must not be shown (removed interests). */
  excluded: ReadonlySet<string>;
}

const CHANNEL = 'lantern_shopper_changed';
const TTL_NOTIFIED_MS = 60_000;
const TTL_UNNOTIFIED_MS = 5_000;
/** Some 20,000 shoppers with a typical history. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Counted for an entry until its signals are read. */
const LOADING_BYTES = 512;
const SESSION_EVENTS = 200;
const NONE: ShopperSignals = { events: [], excluded: new Set() };

interface Entry {
  signals: Promise<ShopperSignals>;
  expiresAt: number;
  refreshing: boolean;
}

/** The cache of one database (tests hold several in one process). */
class SignalsCache {
  readonly entries = new BoundedCache<Entry>({ name: 'recommendation_signals', maxBytes: MAX_BYTES });
  /** True while the NOTIFY listener is connected. */
  notified = false;

  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.listen();
  }

  get(shopperKey: string): Promise<ShopperSignals> {
    const now = Date.now();
    const hit = this.entries.get(shopperKey);
    if (hit) {
      if (hit.expiresAt <= now && !hit.refreshing) this.refresh(shopperKey, hit);
      return hit.signals;
    }
    const signals = readSignals(this.db, shopperKey);
    const entry: Entry = { signals, expiresAt: now + this.ttl(), refreshing: false };
    this.entries.set(shopperKey, entry, LOADING_BYTES);
    signals.then(
      (read) => this.resize(shopperKey, entry, read),
      // A failed read is not kept: the next request tries again.
      () => this.entries.peek(shopperKey) === entry && this.entries.delete(shopperKey),
    );
    return signals;
  }

  /** Re-reads an expired entry beside the requests, which keep the previous signals meanwhile. */
  private refresh(shopperKey: string, entry: Entry): void {
    entry.refreshing = true;
    readSignals(this.db, shopperKey).then(
      async (signals) => {
        // Unless the shopper changed meanwhile (the entry was dropped or replaced).
        if (this.entries.peek(shopperKey) !== entry) return;
        // The same signals keep their object, so answers memoised on it stay valid.
        if (!sameSignals(await entry.signals, signals)) {
          entry.signals = Promise.resolve(signals);
          this.resize(shopperKey, entry, signals);
        }
        entry.expiresAt = Date.now() + this.ttl();
        entry.refreshing = false;
      },
      () => {
        entry.expiresAt = Date.now() + this.ttl();
        entry.refreshing = false;
      },
    );
  }

  /** Counts an entry at the size of the signals it now holds (unless it was dropped meanwhile). */
  private resize(shopperKey: string, entry: Entry, signals: ShopperSignals): void {
    if (this.entries.peek(shopperKey) !== entry) return;
    this.entries.set(shopperKey, entry, 200 + signals.events.length * 120 + signals.excluded.size * 60);
  }

  /** The TTL, spread ±25 % so shoppers first seen together are not all refreshed in one burst. */
  private ttl(): number {
    return (this.notified ? TTL_NOTIFIED_MS : TTL_UNNOTIFIED_MS) * (0.75 + Math.random() / 2);
  }

  /**
   * Marks a shopper's entry for a refresh at its next use (beside that request). A notification
   * also arrives for this process's own writes, after `shopperChanged` already dropped the entry:
   * a refresh that finds the same signals keeps their object and the answers memoised on it.
   */
  private expire(shopperKey: string): void {
    const entry = this.entries.peek(shopperKey);
    if (entry) entry.expiresAt = 0;
  }

  /**
   * Refreshes a shopper's entry when any instance commits a change to their signals. Notifications
   * sent while the listener was down are lost, so every (re)listen forgets everything cached.
   */
  private listen(): void {
    if (!('listen' in this.db)) return; // a transaction cannot listen
    listenToPostgres(this.db as Sql, CHANNEL, {
      onMessage: (key) => this.expire(key),
      onListening: () => {
        this.entries.clear();
        this.notified = true;
      },
      onLost: () => {
        this.notified = false;
      },
    });
  }
}

const caches = new WeakMap<Db, SignalsCache>();
const allCaches = new Set<WeakRef<SignalsCache>>();
onShopperChanged((key) => {
  for (const cache of allCaches) cache.deref()?.entries.delete(key);
});

/**
 * The shopper's signals. A shopper seen before costs no query; an expired entry still answers
 * while one read refreshes it, so only a shopper's first request waits for the database, and a
 * crowd of returning shoppers never queues on it at once.
 */
export function shopperSignals(db: Db, shopperKey: string): Promise<ShopperSignals> {
  return signalsCacheOf(db).get(shopperKey);
}

/** The bounded cache of `db`'s shopper signals, for an app to report on /metrics. */
export function shopperSignalsCache(db: Db): BoundedCache<unknown> {
  return signalsCacheOf(db).entries as BoundedCache<unknown>;
}

function signalsCacheOf(db: Db): SignalsCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SignalsCache(db);
    caches.set(db, cache);
    allCaches.add(new WeakRef(cache));
  }
  return cache;
}

function sameSignals(a: ShopperSignals, b: ShopperSignals): boolean {
  if (a.events.length !== b.events.length || a.excluded.size !== b.excluded.size) return false;
  for (const id of b.excluded) if (!a.excluded.has(id)) return false;
  return a.events.every((e, i) => {
    const o = b.events[i]!;
    return (
      e.kind === o.kind && e.productId === o.productId && e.occurredAt.getTime() === o.occurredAt.getTime()
    );
  });
}

async function readSignals(db: Db, shopperKey: string): Promise<ShopperSignals> {
  // Removed interests apply even with personalisation off: they are the shopper's explicit choice.
  const [events, excluded] = await Promise.all([
    recentSessionEvents(db, shopperKey, SESSION_EVENTS),
    removedInterestProductIds(db, shopperKey),
  ]);
  return events.length === 0 && excluded.size === 0 ? NONE : { events, excluded };
}
