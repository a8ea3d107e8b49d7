/**
 * The in-process cache of the serving model: loaded from PostgreSQL at first use, then a cheap
 * version check at most every few seconds reloads it when a newer version was trained (by any
 * instance), so a restarted or new instance serves the stored model without retraining. Product
 * facts for filtering and hydration (summaries, stock, categories) are cached for a few seconds.
 */
import { BoundedCache, estimateBytes } from '../../../app/bounded-cache.ts';
import type { Db } from '../../../app/database.ts';
import { getProductsForIndexing, type ProductSummary } from '../../catalog/index.ts';
import type { HybridRecommender } from '../models/blend-models.ts';
import { loadLatestModel } from '../models/model-store.ts';
import type { NeighbourMatrix } from '../models/neighbour-matrix.ts';
import type { Recommender } from '../models/recommender.ts';
import { SummaryCache } from './summary-cache.ts';
import { HYBRID_MODEL } from './train-recommendation-models.ts';

/** The loaded model with what serving needs beside it. */
export interface ServingModel {
  version: number;
  hybrid: Recommender;
  /** Non-personal ranking (popularity with the sales prior). */
  popularity: Recommender | undefined;
  /** The hybrid's components by kind, for strategies that rank with one model family. */
  components: Partial<Record<string, Recommender>>;
  itemKeys: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  /** Leaf category number of each item (-1 unknown), for session re-ranking and diversity. */
  categoryOf: Int32Array;
  /** 1 for an item that is bought again and again (may be recommended after a purchase). */
  consumable: Uint8Array;
  matrices: Partial<Record<'item-knn' | 'content' | 'association-rules' | 'transitions', NeighbourMatrix>>;
}

const VERSION_CHECK_MS = 5_000;
const ANSWER_TTL_MS = 3_000;
const ANSWERS_MAX_BYTES = 8 * 1024 * 1024;

interface KeptAnswer {
  value: unknown;
  version: number | null;
}

/** A model cache; one per process (`defaultModelCache`), or one per test to simulate a restart. */
export class ModelCache {
  private current: ServingModel | undefined;
  private checkedAt = 0;
  private pending: Promise<void> | undefined;
  private readonly summaries: SummaryCache;
  /** Bumped whenever cached product facts are dropped: answers memoised before are stale. */
  generation = 0;
  private readonly answers = new BoundedCache<KeptAnswer>({
    name: 'recommendation_answers',
    maxBytes: ANSWERS_MAX_BYTES,
    ttlMs: ANSWER_TTL_MS,
  });

  private readonly override: ServingModel | undefined;
  private readonly versionCheckMs: number;

  /** `override` replaces loading (tests inject a failing model through it). */
  constructor(options: { override?: ServingModel; versionCheckMs?: number; summaryRefreshMs?: number } = {}) {
    this.override = options.override;
    this.versionCheckMs = options.versionCheckMs ?? VERSION_CHECK_MS;
    this.summaries = new SummaryCache({ refreshMs: options.summaryRefreshMs });
  }

  /** The current model (loading it on first use); undefined when none was ever trained. */
  async model(db: Db): Promise<ServingModel | undefined> {
    if (this.override) return this.override;
    const due = Date.now() - this.checkedAt >= this.versionCheckMs;
    if (due && !this.pending) {
      this.checkedAt = Date.now();
      // A failed check (the database away, a corrupt newer row) keeps the current model and is
      // retried at the next check; unhandled, it would end the process.
      const check = this.refresh(db).catch((error: unknown) => {
        if (!this.current) throw error;
      });
      this.pending = check.finally(() => {
        this.pending = undefined;
      });
    }
    // Only the first load is waited for; later checks run beside the requests.
    if (!this.current && this.pending) await this.pending;
    return this.current;
  }

  private async refresh(db: Db): Promise<void> {
    const [row] = await db<{ version: number | null }[]>`
      select max(version) as version from recommendation_models where name = ${HYBRID_MODEL}`;
    if (!row?.version || row.version === this.current?.version) return;
    const stored = await loadLatestModel(db, HYBRID_MODEL);
    if (!stored) return;
    this.current = await servingModelOf(db, stored.version, stored.model, stored.itemKeys);
  }

  /** Summaries of the ids that are published (see SummaryCache). */
  summariesOf(db: Db, ids: readonly string[]): Promise<Map<string, ProductSummary>> {
    return this.summaries.get(db, ids);
  }

  /** True when a product is known to be unpublished or out of stock (possibly a few seconds stale). */
  isKnownUnavailable(id: string): boolean {
    return this.summaries.isKnownUnavailable(id);
  }

  /**
   * True when a kept answer may still be served: none of its items has since become unavailable.
   * Keeps the summaries' periodic refresh going while answers come from memos.
   */
  stillAvailable(db: Db, productIds: Iterable<string>): boolean {
    this.summaries.refreshIfDue(db);
    for (const id of productIds) if (this.summaries.isKnownUnavailable(id)) return false;
    return true;
  }

  /** A cached non-personal answer for `key`, if still fresh for the current model. */
  cachedAnswer<T>(key: string, version: number | null): T | undefined {
    const entry = this.answers.get(key);
    if (!entry || entry.version !== version) return undefined;
    return entry.value as T;
  }

  /** Keeps a non-personal answer for a few seconds (sized once, by its JSON). */
  keepAnswer(key: string, version: number | null, value: unknown): void {
    this.answers.set(key, { value, version }, estimateBytes(value));
  }

  /** The bounded caches inside, for an app to report on /metrics. */
  boundedCaches(): BoundedCache<unknown>[] {
    return [this.summaries.entries, this.answers] as BoundedCache<unknown>[];
  }

  /** Forgets cached product facts and answers (after a merchant change on this instance). */
  clearSummaries(): void {
    this.summaries.clear();
    this.answers.clear();
    this.generation++;
  }

  /**
   * Forgets the model too, as a new process would: the next use loads from whichever database it
   * is given. For test files sharing one process (decision 0017); an app never needs it.
   */
  reset(): void {
    this.current = undefined;
    this.checkedAt = 0;
    this.pending = undefined;
    this.clearSummaries();
  }

  /** The loaded model's version, without loading (null before the first load). */
  get version(): number | null {
    return (this.override ?? this.current)?.version ?? null;
  }
}

/** Wraps a restored hybrid with its item index, categories and neighbour matrices. */
export async function servingModelOf(
  db: Db,
  version: number,
  hybrid: Recommender,
  itemKeys: readonly string[],
): Promise<ServingModel> {
  const products = await getProductsForIndexing(db, [...itemKeys]);
  const categoryNumbers = new Map<string, number>();
  const categoryById = new Map(
    products.map((p) => {
      const leaf = p.categories.at(-1)?.id ?? '';
      if (!categoryNumbers.has(leaf)) categoryNumbers.set(leaf, categoryNumbers.size);
      return [p.id, leaf ? categoryNumbers.get(leaf)! : -1];
    }),
  );
  const consumables = new Set(products.filter((p) => p.consumable).map((p) => p.id));
  const components = (hybrid as Partial<HybridRecommender>).components ?? [];
  const matrices: ServingModel['matrices'] = {};
  for (const c of components) {
    const matrix = (c as { matrix?: NeighbourMatrix }).matrix;
    if (matrix) matrices[c.kind as keyof ServingModel['matrices']] = matrix;
  }
  return {
    version,
    hybrid,
    popularity: components.find((c) => c.kind === 'popularity'),
    components: Object.fromEntries(components.map((c) => [c.kind, c])),
    itemKeys,
    indexOf: new Map(itemKeys.map((k, i) => [k, i])),
    categoryOf: Int32Array.from(itemKeys, (k) => categoryById.get(k) ?? -1),
    consumable: Uint8Array.from(itemKeys, (k) => (consumables.has(k) ? 1 : 0)),
    matrices,
  };
}

/** The process's cache, shared by the routes. */
export const defaultModelCache = new ModelCache();
