/**
 * One placement's recommendations: the stored hybrid ranks for the shopper's recent events
 * (re-ranked toward the categories viewed in this visit), item neighbours answer product and
 * cart placements, and business filters drop what must not be shown (unpublished, out of stock,
 * already bought unless consumable, ruled out by a removed interest). Every item carries a short reason. Never fails for the engine's sake: any
 * error falls back to popular items.
 */
import type { Db } from '../../../app/database.ts';
import { listHotProducts, type ProductSummary } from '../../catalog/index.ts';
import type { SessionEvent } from '../events/recent-session-events.ts';
import { DEFAULT_KIND_WEIGHTS } from '../models/interactions-to-input.ts';
import { type NeighbourMatrix, neighboursOf } from '../models/neighbour-matrix.ts';
import { diversify, similarItems } from '../models/recommend-items.ts';
import { type Recommender, topOfScores, type UserHistory } from '../models/recommender.ts';
import { defaultModelCache, type ModelCache, type ServingModel } from './model-cache.ts';
import { reasonText } from './reason-text.ts';
import { type ShopperSignals, shopperSignals } from './shopper-signals.ts';

export const PLACEMENTS = [
  'home_for_you',
  'product_similar',
  'product_bought_together',
  'cart_complete',
  'search_empty',
  'order_confirmation',
] as const;
export type Placement = (typeof PLACEMENTS)[number];

/**
 * How a placement ranks: the tuned blend of every model, popularity alone, or one family of
 * models (item-to-item collaborative filtering, or content similarity). Experiments compare two.
 */
export const RECOMMENDATION_STRATEGIES = ['hybrid', 'popular', 'collaborative', 'content'] as const;
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number];

/** What a placement is asked for. */
export interface PlacementRequest {
  placement: Placement;
  /** The pseudonymous shopper key; its events count only while personalisation consent is on. */
  shopperKey?: string | null;
  productId?: string;
  cartProductIds?: readonly string[];
  /** The search that found little (for `search_empty`; not used for ranking yet). */
  query?: string;
  limit: number;
  locale: 'zh' | 'en';
  /** `hybrid` unless an experiment arm asks for another. */
  strategy?: RecommendationStrategy;
}

export type ReasonCode = 'because_viewed' | 'bought_together' | 'similar' | 'popular';

/** Why an item is shown: a code, the product it relates to, and a sentence in the locale. */
export interface RecommendationReason {
  code: ReasonCode;
  productId?: string;
  /** The related product's title in the request's language, for pages that word the reason themselves. */
  title?: string;
  text: string;
}

/** One recommended product. */
export interface RecommendedItem {
  product: ProductSummary;
  reason: RecommendationReason;
}

/** A placement's answer; `personal` says whether the shopper's own events shaped it. */
export interface PlacementResult {
  placement: Placement;
  personal: boolean;
  /** The strategy that answered: the one asked for, or `popular` when the engine could not. */
  strategy: RecommendationStrategy;
  modelVersion: number | null;
  items: RecommendedItem[];
}

interface Candidate {
  item: number;
  code: ReasonCode;
  /** Item index of the product the reason names. */
  source?: number;
}

/** Weight of the visit's category affinity against the (max-normalised) model score. */
const SESSION_AFFINITY = 1;
const AFFINITY_DECAY = 0.8;
const DIVERSITY = { lambda: 0.1 };
const EMPTY_MATRIX: NeighbourMatrix = {
  offsets: new Int32Array(1),
  indices: new Int32Array(0),
  values: new Float32Array(0),
};

/** The placement's items, filtered and hydrated; falls back to popular items on any engine error. */
export async function getPlacement(
  db: Db,
  request: PlacementRequest,
  cache: ModelCache = defaultModelCache,
): Promise<PlacementResult> {
  const signals = request.shopperKey ? await signalsOrNone(db, request.shopperKey) : NO_SIGNALS;
  if (signals.events.length > 0 || signals.excluded.size > 0)
    return personalPlacement(db, request, cache, signals);
  // Non-personal answers are the same for every visitor: computed once per few seconds.
  const key = answerKey(request);
  const cached = cache.cachedAnswer<PlacementResult>(key, cache.version);
  if (cached && servable(db, cache, cached)) return cached;
  const result = await computePlacement(db, request, cache, NO_SIGNALS);
  cache.keepAnswer(key, result.modelVersion, result);
  return result;
}

const NO_SIGNALS: ShopperSignals = { events: [], excluded: new Set() };

/**
 * Personal answers, memoised on the shopper's signals object: the signals cache replaces that
 * object when the shopper's events, consent or interests change (or on its periodic refresh), so
 * a memo never outlives what it was computed from. A shopper reloading a page, or a page and the
 * API asking for the same placement, then costs what a non-personal answer costs.
 */
const personalAnswers = new WeakMap<
  ShopperSignals,
  Map<string, { cache: ModelCache; generation: number; version: number | null; result: PlacementResult }>
>();

/** A kept answer is served again only while every item in it is still available. */
function servable(db: Db, cache: ModelCache, result: PlacementResult): boolean {
  return cache.stillAvailable(
    db,
    result.items.map((i) => i.product.id),
  );
}

async function personalPlacement(
  db: Db,
  request: PlacementRequest,
  cache: ModelCache,
  signals: ShopperSignals,
): Promise<PlacementResult> {
  let answers = personalAnswers.get(signals);
  if (!answers) {
    answers = new Map();
    personalAnswers.set(signals, answers);
  }
  const key = answerKey(request);
  const kept = answers.get(key);
  const fresh =
    kept?.cache === cache && kept.generation === cache.generation && kept.version === cache.version;
  if (kept && fresh && servable(db, cache, kept.result)) return kept.result;
  const generation = cache.generation;
  const result = await computePlacement(db, request, cache, signals);
  if (answers.size < 50) answers.set(key, { cache, generation, version: result.modelVersion, result });
  return result;
}

function answerKey(r: PlacementRequest): string {
  return [r.placement, r.strategy, r.productId, r.cartProductIds?.join(','), r.limit, r.locale].join('|');
}

async function computePlacement(
  db: Db,
  request: PlacementRequest,
  cache: ModelCache,
  signals: ShopperSignals,
): Promise<PlacementResult> {
  const base = {
    placement: request.placement,
    personal: signals.events.length > 0 || signals.excluded.size > 0,
  };
  const strategy = request.strategy ?? 'hybrid';
  let model: ServingModel | undefined;
  let hidden = hiddenProducts(signals, undefined);
  try {
    model = await cache.model(db);
    if (model) hidden = hiddenProducts(signals, model);
    if (model && strategy !== 'popular') {
      const candidates = rankCandidates(model, request, strategy, signals.events, cache, hidden);
      const items = await hydrate(db, cache, model, candidates, request, hidden);
      if (items.length > 0) {
        const filled = await fillWithPopular(db, cache, model, items, request, hidden);
        return { ...base, strategy, modelVersion: model.version, items: filled };
      }
    }
  } catch {
    // The engine failed (a corrupt model, a bug): the page still gets popular items.
  }
  const items = await popularFallback(db, cache, model, request, hidden);
  return { ...base, strategy: 'popular', modelVersion: model?.version ?? null, items };
}

/**
 * Products never shown to this shopper: those their removed interests rule out, and those they
 * bought, unless consumable (tea is bought again; a laptop is not). Without a model every
 * purchase counts as not consumable.
 */
function hiddenProducts(signals: ShopperSignals, model: ServingModel | undefined): Set<string> {
  const hidden = new Set(signals.excluded);
  for (const e of signals.events) {
    if (e.kind !== 'purchase' || !e.productId) continue;
    const item = model?.indexOf.get(e.productId);
    if (item === undefined || !model?.consumable[item]) hidden.add(e.productId);
  }
  return hidden;
}

async function signalsOrNone(db: Db, shopperKey: string): Promise<ShopperSignals> {
  try {
    return await shopperSignals(db, shopperKey);
  } catch {
    return NO_SIGNALS;
  }
}

/** Ranked candidates (more than needed: filters come after) with their reasons. */
function rankCandidates(
  model: ServingModel,
  request: PlacementRequest,
  strategy: Exclude<RecommendationStrategy, 'popular'>,
  events: readonly SessionEvent[],
  cache: ModelCache,
  hidden: ReadonlySet<string>,
): Candidate[] {
  const pool = request.limit * 3;
  const shownBefore = new Set<number>();
  const exclude = (i: number) =>
    shownBefore.has(i) || hidden.has(model.itemKeys[i]!) || cache.isKnownUnavailable(model.itemKeys[i]!);
  const knn = strategy === 'content' ? EMPTY_MATRIX : (model.matrices['item-knn'] ?? EMPTY_MATRIX);
  const content = strategy === 'collaborative' ? EMPTY_MATRIX : (model.matrices.content ?? EMPTY_MATRIX);
  switch (request.placement) {
    case 'home_for_you':
    case 'search_empty': {
      const ranker = strategy === 'hybrid' ? model.hybrid : model.components[STRATEGY_MODEL[strategy]];
      return ranker ? forYou(model, ranker, events, pool, exclude, shownBefore) : [];
    }
    case 'product_similar': {
      const item = indexOf(model, request.productId);
      if (item === undefined) return [];
      return similarItems(item, knn, content, pool, exclude).map((s) => ({
        item: s.item,
        code: 'similar' as const,
        source: item,
      }));
    }
    case 'product_bought_together':
    case 'cart_complete':
    case 'order_confirmation': {
      const ids =
        request.placement === 'product_bought_together' ? [request.productId] : request.cartProductIds;
      const items = (ids ?? []).flatMap((id) => indexOf(model, id) ?? []);
      for (const i of items) shownBefore.add(i);
      return boughtWith(model, strategy, items, pool, exclude);
    }
  }
}

/** The model family a single-model strategy ranks "for you" with. */
const STRATEGY_MODEL = { collaborative: 'item-knn', content: 'content' } as const;

function indexOf(model: ServingModel, productId: string | undefined): number | undefined {
  return productId === undefined ? undefined : model.indexOf.get(productId);
}

/**
 * "For you": the hybrid's scores for the visit's history, plus a boost for the categories viewed
 * most recently (the real-time session signal), diversified; viewed items are not shown again.
 */
function forYou(
  model: ServingModel,
  ranker: Recommender,
  events: readonly SessionEvent[],
  pool: number,
  exclude: (i: number) => boolean,
  viewed: Set<number>,
): Candidate[] {
  const history = historyOf(model, events);
  for (let h = 0; h < history.items.length; h++) viewed.add(history.items[h]!);
  const scores = new Float32Array(model.hybrid.itemCount);
  ranker.scoreInto(history, scores);
  let max = 0;
  for (const s of scores) max = Math.max(max, s);
  if (max > 0) for (let i = 0; i < scores.length; i++) scores[i]! /= max;
  const affinity = categoryAffinity(model, history);
  if (affinity.size > 0) {
    for (let i = 0; i < scores.length; i++) {
      scores[i]! += SESSION_AFFINITY * (affinity.get(model.categoryOf[i]!)?.weight ?? 0);
    }
  }
  const ranked = diversify(topOfScores(scores, pool * 2, exclude, 0), pool, {
    categoryOf: model.categoryOf,
    lambda: DIVERSITY.lambda,
  });
  return ranked.map((s) => {
    const byCategory = affinity.get(model.categoryOf[s.item]!);
    if (byCategory) return { item: s.item, code: 'because_viewed' as const, source: byCategory.source };
    const source = neighbourSource(model, history, s.item);
    return source === undefined
      ? { item: s.item, code: 'popular' as const }
      : { item: s.item, code: 'because_viewed' as const, source };
  });
}

/** The visit's events as a model history, oldest first, with kind weights and times. */
function historyOf(model: ServingModel, events: readonly SessionEvent[]): UserHistory {
  const items: number[] = [];
  const times: number[] = [];
  const weights: number[] = [];
  for (let e = events.length - 1; e >= 0; e--) {
    const event = events[e]!;
    const weight = DEFAULT_KIND_WEIGHTS[event.kind];
    const item = event.productId ? model.indexOf.get(event.productId) : undefined;
    if (!weight || item === undefined) continue;
    items.push(item);
    times.push(event.occurredAt.getTime() / 1000);
    weights.push(weight);
  }
  return { items, times, weights };
}

/** Category → weight in 0..1 (recent events count more) and the latest item seen in it. */
function categoryAffinity(
  model: ServingModel,
  history: UserHistory,
): Map<number, { weight: number; source: number }> {
  const out = new Map<number, { weight: number; source: number }>();
  let w = 1;
  let max = 0;
  for (let h = history.items.length - 1; h >= 0; h--, w *= AFFINITY_DECAY) {
    const item = history.items[h]!;
    const category = model.categoryOf[item]!;
    if (category < 0) continue;
    const entry = out.get(category) ?? { weight: 0, source: item };
    entry.weight += w * (history.weights?.[h] ?? 1);
    out.set(category, entry);
    max = Math.max(max, entry.weight);
  }
  for (const entry of out.values()) entry.weight /= max;
  return out;
}

/** The most recent history item whose neighbours include `item`, if any. */
function neighbourSource(model: ServingModel, history: UserHistory, item: number): number | undefined {
  const matrices = Object.values(model.matrices);
  // The last few items only: older ones rarely explain a pick, and this runs per shown item.
  for (let h = history.items.length - 1; h >= Math.max(0, history.items.length - 10); h--) {
    const source = history.items[h]!;
    if (matrices.some((m) => hasNeighbour(m, source, item))) return source;
  }
  return undefined;
}

/** True when `item` is in `source`'s row (a scan without allocating: this runs per shown item). */
function hasNeighbour(matrix: NeighbourMatrix, source: number, item: number): boolean {
  if (source < 0 || source + 1 >= matrix.offsets.length) return false;
  for (let e = matrix.offsets[source]!; e < matrix.offsets[source + 1]!; e++) {
    if (matrix.indices[e] === item) return true;
  }
  return false;
}

/**
 * Association-rule consequents of the items, then their collaborative neighbours (the hybrid);
 * only neighbours (collaborative) or only content neighbours (content) for single-model arms.
 */
function boughtWith(
  model: ServingModel,
  strategy: Exclude<RecommendationStrategy, 'popular'>,
  items: readonly number[],
  pool: number,
  exclude: (i: number) => boolean,
): Candidate[] {
  const best = new Map<number, { score: number; source: number; code: ReasonCode }>();
  const sources: [NeighbourMatrix | undefined, ReasonCode, number][] =
    strategy === 'content'
      ? [[model.matrices.content, 'similar', 1]]
      : [
          [strategy === 'hybrid' ? model.matrices['association-rules'] : undefined, 'bought_together', 2],
          [model.matrices['item-knn'], 'similar', 1],
        ];
  for (const [matrix, code, offset] of sources) {
    if (!matrix) continue;
    for (const source of items) {
      for (const n of neighboursOf(matrix, source)) {
        if (items.includes(n.item) || exclude(n.item)) continue;
        // Rules rank above neighbours whatever their scales.
        const score = offset + Math.min(1, n.score);
        if ((best.get(n.item)?.score ?? 0) < score) best.set(n.item, { score, source, code });
      }
    }
  }
  return [...best.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .slice(0, pool)
    .map(([item, b]) => ({ item, code: b.code, source: b.source }));
}

/** Candidates → available products with reasons, at most `limit`. */
async function hydrate(
  db: Db,
  cache: ModelCache,
  model: ServingModel,
  candidates: readonly Candidate[],
  request: PlacementRequest,
  hidden: ReadonlySet<string>,
): Promise<RecommendedItem[]> {
  const ids = candidates.map((c) => model.itemKeys[c.item]!);
  const sourceIds = candidates.flatMap((c) => (c.source === undefined ? [] : [model.itemKeys[c.source]!]));
  const summaries = await cache.summariesOf(db, [...new Set([...ids, ...sourceIds])]);
  const out: RecommendedItem[] = [];
  for (const c of candidates) {
    if (out.length >= request.limit) break;
    const product = summaries.get(model.itemKeys[c.item]!);
    if (!product?.inStock || hidden.has(product.id)) continue;
    const sourceId = c.source === undefined ? undefined : model.itemKeys[c.source];
    const source = sourceId ? summaries.get(sourceId) : undefined;
    out.push({ product, reason: reasonOf(c.code, sourceId, source, request.locale) });
  }
  return out;
}

function reasonOf(
  code: ReasonCode,
  productId: string | undefined,
  source: ProductSummary | undefined,
  locale: 'zh' | 'en',
): RecommendationReason {
  const title = source?.title[locale];
  const text = reasonText(code, title, locale);
  return productId && code !== 'popular'
    ? { code, productId, ...(title ? { title } : {}), text }
    : { code, text };
}

/** Tops up a short list with popular items it does not hold yet. */
async function fillWithPopular(
  db: Db,
  cache: ModelCache,
  model: ServingModel,
  items: RecommendedItem[],
  request: PlacementRequest,
  hidden: ReadonlySet<string>,
): Promise<RecommendedItem[]> {
  if (items.length >= request.limit) return items;
  const taken = new Set([
    ...items.map((i) => i.product.id),
    request.productId,
    ...(request.cartProductIds ?? []),
  ]);
  const more = await popularFallback(db, cache, model, request, hidden, taken);
  return items.concat(more.slice(0, request.limit - items.length));
}

/** Popular items: the model's popularity when it works, else the catalogue's best sellers. */
async function popularFallback(
  db: Db,
  cache: ModelCache,
  model: ServingModel | undefined,
  request: PlacementRequest,
  hidden: ReadonlySet<string>,
  taken: ReadonlySet<string | undefined> = new Set([request.productId, ...(request.cartProductIds ?? [])]),
): Promise<RecommendedItem[]> {
  const skip = (id: string) => taken.has(id) || hidden.has(id);
  let products: ProductSummary[] | undefined;
  if (model?.popularity) {
    try {
      const scores = new Float32Array(model.popularity.itemCount);
      model.popularity.scoreInto({ items: [] }, scores);
      const ranked = topOfScores(scores, request.limit * 3 + taken.size, (i) => {
        const id = model.itemKeys[i]!;
        return skip(id) || cache.isKnownUnavailable(id);
      });
      const ids = ranked.map((s) => model.itemKeys[s.item]!);
      const summaries = await cache.summariesOf(db, ids);
      products = ids.flatMap((id) => summaries.get(id) ?? []);
    } catch {
      products = undefined;
    }
  }
  products ??= await listHotProducts(db, Math.min(50, request.limit * 3 + taken.size));
  return products
    .filter((p) => p.inStock && !skip(p.id))
    .slice(0, request.limit)
    .map((product) => ({
      product,
      reason: { code: 'popular' as const, text: reasonText('popular', undefined, request.locale) },
    }));
}
