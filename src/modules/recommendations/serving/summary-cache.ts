/**
 * Product summaries for hydrating recommendations (published, in stock, title, price, image),
 * held in-process in the app's cache helper (bounded in bytes, least recently used out first,
 * on /metrics as `recommendation_summaries`). Unknown ids are fetched at once, and concurrent requests for the same ids share
 * one query. Every few seconds one query refreshes all summaries used lately, beside the requests
 * (which keep the previous values meanwhile): a few hundred products cost one query per period,
 * not one per product as they expire, which under load flooded the pool with tiny queries and
 * stalled the event loop on their answers.
 */
import { BoundedCache } from '../../../app/bounded-cache.ts';
import type { Db } from '../../../app/database.ts';
import { getProductSummaries, type ProductSummary } from '../../catalog/index.ts';

const REFRESH_MS = 5_000;
/** An id not asked for in this long is dropped at the next refresh instead of refreshed. */
const KEEP_UNUSED_MS = 60_000;
/** Some 10,000 products' summaries. */
const MAX_BYTES = 8 * 1024 * 1024;
const REFRESH_CHUNK = 2_000;

interface Entry {
  summary: ProductSummary | null;
  usedAt: number;
}

/** The summaries cache of one model cache. */
export class SummaryCache {
  /** The entries; an app reports them on /metrics. */
  readonly entries = new BoundedCache<Entry>({ name: 'recommendation_summaries', maxBytes: MAX_BYTES });
  private readonly inFlight = new Map<string, Promise<void>>();
  private refreshedAt = Date.now();
  private readonly refreshMs: number;
  private refreshing = false;
  /** Bumped by `clear`: a fetch that started before it must not write back what it read. */
  private generation = 0;

  constructor(options: { refreshMs?: number } = {}) {
    this.refreshMs = options.refreshMs ?? REFRESH_MS;
  }

  /** Summaries of the ids that are published, keyed by id. */
  async get(db: Db, ids: readonly string[]): Promise<Map<string, ProductSummary>> {
    const now = Date.now();
    this.refreshIfDue(db, now);
    const missing = ids.filter((id) => this.entries.peek(id) === undefined);
    if (missing.length > 0) await this.fetchMissing(db, missing);
    const out = new Map<string, ProductSummary>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      entry.usedAt = now;
      if (entry.summary) out.set(id, entry.summary);
    }
    return out;
  }

  /** Starts the periodic refresh beside the caller when it is due (answers served from memos call this). */
  refreshIfDue(db: Db, now = Date.now()): void {
    if (now - this.refreshedAt < this.refreshMs || this.refreshing) return;
    this.refreshing = true;
    this.refreshAll(db, now).finally(() => {
      this.refreshing = false;
    });
  }

  /** True when a product is known to be unpublished or out of stock (possibly a few seconds stale). */
  isKnownUnavailable(id: string): boolean {
    const entry = this.entries.peek(id);
    return entry !== undefined && !entry.summary?.inStock;
  }

  /** Forgets everything (after a merchant change on this instance). */
  clear(): void {
    this.entries.clear();
    this.generation++;
    this.refreshedAt = Date.now();
  }

  /** Fetches ids no request is fetching yet, and waits for those other requests are. */
  private async fetchMissing(db: Db, ids: readonly string[]): Promise<void> {
    const waits = new Set<Promise<void>>();
    const mine = ids.filter((id) => {
      const pending = this.inFlight.get(id);
      if (pending) waits.add(pending);
      return !pending;
    });
    if (mine.length > 0) {
      const fetch = this.fetch(db, mine).finally(() => {
        for (const id of mine) if (this.inFlight.get(id) === fetch) this.inFlight.delete(id);
      });
      for (const id of mine) this.inFlight.set(id, fetch);
      waits.add(fetch);
    }
    await Promise.all(waits);
  }

  private async fetch(db: Db, ids: readonly string[], usedAt = Date.now()): Promise<void> {
    const generation = this.generation;
    const fetched = new Map((await getProductSummaries(db, [...ids])).map((s) => [s.id, s]));
    if (generation !== this.generation) return;
    for (const id of ids) {
      const kept = this.entries.peek(id);
      const summary = fetched.get(id) ?? null;
      this.entries.set(id, { summary, usedAt: kept?.usedAt ?? usedAt }, summaryBytes(summary));
    }
  }

  private async refreshAll(db: Db, now: number): Promise<void> {
    const ids: string[] = [];
    for (const [id, entry] of [...this.entries]) {
      if (now - entry.usedAt > KEEP_UNUSED_MS) this.entries.delete(id);
      else ids.push(id);
    }
    try {
      for (let i = 0; i < ids.length; i += REFRESH_CHUNK)
        await this.fetch(db, ids.slice(i, i + REFRESH_CHUNK));
    } catch {
      // The database is away: keep serving what is cached; the next period retries.
    }
    this.refreshedAt = Date.now();
  }
}

/** Bytes of a summary as kept: its strings at two bytes a character, plus its numbers and objects. */
function summaryBytes(summary: ProductSummary | null): number {
  if (!summary) return 16;
  const text = (t: { zh: string; en: string } | null | undefined) => (t ? t.zh.length + t.en.length : 0);
  const chars =
    summary.id.length +
    summary.slug.length +
    text(summary.title) +
    text(summary.brand) +
    (summary.image ? summary.image.url.length + text(summary.image.alt) : 0);
  return 2 * chars + 400;
}
