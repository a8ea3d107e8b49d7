/**
 * What personalises one shopper's placements, cached per shopper key: their latest consented
 * events (the session signal) and the products their removed interests rule out. The cache drops
 * a shopper's entry the moment their events, consent or interests change in this process
 * (`shopperChanged`); a change made through another instance is seen within the TTL plus one
 * refresh (about 5 s).
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

const TTL_MS = 5_000;
const MAX_ENTRIES = 20_000;
const SESSION_EVENTS = 200;
const NONE: ShopperSignals = { events: [], excluded: new Set() };

interface Entry {
  signals: Promise<ShopperSignals>;
  expiresAt: number;
  refreshing: boolean;
}

// Entries are per database (tests run several in one process).
const byDatabase = new WeakMap<Db, Map<string, Entry>>();
const databases = new Set<WeakRef<Map<string, Entry>>>();
onShopperChanged((key) => {
  for (const entries of databases) entries.deref()?.delete(key);
});

/**
 * The shopper's signals. A shopper seen in the last few seconds costs no query; after that the
 * cached signals still answer while one read refreshes them beside the request (changes made
 * through this process have already dropped the entry), so only a shopper's first request waits
 * for the database, and a crowd of returning shoppers never queues on it at once.
 */
export function shopperSignals(db: Db, shopperKey: string): Promise<ShopperSignals> {
  const entries = entriesOf(db);
  const now = Date.now();
  const hit = entries.get(shopperKey);
  if (hit) {
    if (hit.expiresAt <= now && !hit.refreshing) refresh(db, entries, shopperKey, hit);
    return hit.signals;
  }
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const signals = readSignals(db, shopperKey);
  const entry: Entry = { signals, expiresAt: now + ttl(), refreshing: false };
  entries.set(shopperKey, entry);
  // A failed read is not kept: the next request tries again.
  signals.catch(() => entries.get(shopperKey) === entry && entries.delete(shopperKey));
  return signals;
}

function refresh(db: Db, entries: Map<string, Entry>, shopperKey: string, entry: Entry): void {
  entry.refreshing = true;
  readSignals(db, shopperKey).then(
    async (signals) => {
      // Unless the shopper changed meanwhile (the entry was dropped or replaced).
      if (entries.get(shopperKey) !== entry) return;
      // The same signals keep their object, so answers memoised on it stay valid.
      if (!sameSignals(await entry.signals, signals)) entry.signals = Promise.resolve(signals);
      entry.expiresAt = Date.now() + ttl();
      entry.refreshing = false;
    },
    () => {
      entry.expiresAt = Date.now() + ttl();
      entry.refreshing = false;
    },
  );
}

/** The TTL, spread ±25 % so shoppers first seen together are not all refreshed in one burst. */
function ttl(): number {
  return TTL_MS * (0.75 + Math.random() / 2);
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

function entriesOf(db: Db): Map<string, Entry> {
  let entries = byDatabase.get(db);
  if (!entries) {
    entries = new Map();
    byDatabase.set(db, entries);
    databases.add(new WeakRef(entries));
  }
  return entries;
}

async function readSignals(db: Db, shopperKey: string): Promise<ShopperSignals> {
  // Removed interests apply even with personalisation off: they are the shopper's explicit choice.
  const [events, excluded] = await Promise.all([
    recentSessionEvents(db, shopperKey, SESSION_EVENTS),
    removedInterestProductIds(db, shopperKey),
  ]);
  return events.length === 0 && excluded.size === 0 ? NONE : { events, excluded };
}
