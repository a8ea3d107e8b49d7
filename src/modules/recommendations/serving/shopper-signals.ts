/**
 * What personalises one shopper's placements, cached per shopper key: their latest consented
 * events (the session signal) and the products their removed interests rule out. When their
 * events, consent or interests change, this process drops the entry at once (`shopperChanged`),
 * and a change committed by any instance marks it for a refresh through PostgreSQL NOTIFY (the
 * triggers of migration 0832), seen from the next request or the one after. The TTL is then only
 * a safety net; without notifications (a pooler that cannot LISTEN) it is short, and another
 * instance's change shows within it.
 */
import type { Db } from '../../../app/database.ts';
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
const MAX_ENTRIES = 20_000;
const SESSION_EVENTS = 200;
const NONE: ShopperSignals = { events: [], excluded: new Set() };

interface Entry {
  signals: Promise<ShopperSignals>;
  expiresAt: number;
  refreshing: boolean;
}

/** The cache of one database (tests hold several in one process). */
class SignalsCache {
  readonly entries = new Map<string, Entry>();
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
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const signals = readSignals(this.db, shopperKey);
    const entry: Entry = { signals, expiresAt: now + this.ttl(), refreshing: false };
    this.entries.set(shopperKey, entry);
    // A failed read is not kept: the next request tries again.
    signals.catch(() => this.entries.get(shopperKey) === entry && this.entries.delete(shopperKey));
    return signals;
  }

  /** Re-reads an expired entry beside the requests, which keep the previous signals meanwhile. */
  private refresh(shopperKey: string, entry: Entry): void {
    entry.refreshing = true;
    readSignals(this.db, shopperKey).then(
      async (signals) => {
        // Unless the shopper changed meanwhile (the entry was dropped or replaced).
        if (this.entries.get(shopperKey) !== entry) return;
        // The same signals keep their object, so answers memoised on it stay valid.
        if (!sameSignals(await entry.signals, signals)) entry.signals = Promise.resolve(signals);
        entry.expiresAt = Date.now() + this.ttl();
        entry.refreshing = false;
      },
      () => {
        entry.expiresAt = Date.now() + this.ttl();
        entry.refreshing = false;
      },
    );
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
    const entry = this.entries.get(shopperKey);
    if (entry) entry.expiresAt = 0;
  }

  /**
   * Refreshes a shopper's entry when any instance commits a change to their signals. The driver
   * reconnects a dropped listening connection; notifications sent meanwhile are lost, so every
   * (re)connect forgets everything cached.
   */
  private listen(): void {
    if (!('listen' in this.db)) return; // a transaction cannot listen
    this.db
      .listen(
        CHANNEL,
        (key) => this.expire(key),
        () => {
          this.entries.clear();
          this.notified = true;
        },
      )
      .catch(() => {
        this.notified = false;
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
  let cache = caches.get(db);
  if (!cache) {
    cache = new SignalsCache(db);
    caches.set(db, cache);
    allCaches.add(new WeakRef(cache));
  }
  return cache.get(shopperKey);
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
