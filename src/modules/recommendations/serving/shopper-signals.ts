/**
 * What personalises one shopper's placements, cached for a few seconds per shopper key: their
 * latest consented events (the session signal) and the products their removed interests rule
 * out. A placement request then costs no query for a shopper seen a moment ago; the cache drops
 * a shopper's entry the moment their events, consent or interests change in this process
 * (`shopperChanged`), and other instances' entries expire within the TTL.
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
}

// Entries are per database (tests run several in one process).
const byDatabase = new WeakMap<Db, Map<string, Entry>>();
const databases = new Set<WeakRef<Map<string, Entry>>>();
onShopperChanged((key) => {
  for (const entries of databases) entries.deref()?.delete(key);
});

/** The shopper's signals, from the cache or one read (shared by concurrent requests). */
export function shopperSignals(db: Db, shopperKey: string): Promise<ShopperSignals> {
  const entries = entriesOf(db);
  const now = Date.now();
  const hit = entries.get(shopperKey);
  if (hit && hit.expiresAt > now) return hit.signals;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const signals = readSignals(db, shopperKey);
  const entry = { signals, expiresAt: now + TTL_MS };
  entries.set(shopperKey, entry);
  // A failed read is not kept: the next request tries again.
  signals.catch(() => entries.get(shopperKey) === entry && entries.delete(shopperKey));
  return signals;
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
