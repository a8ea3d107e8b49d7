/**
 * The training job's use case: behaviour events (consented only) plus the catalogue's content
 * become one hybrid model saved in PostgreSQL. A cheap check decides whether to train (no model
 * yet, enough new events, or the model is old); an advisory lock makes one instance train at a
 * time. With no events at all (a new shop) popularity comes from the catalogue's sales counts
 * and content similarity still links products, so every placement has something to show.
 */

import type { Db } from '../../../app/database.ts';
import { withTransaction } from '../../../app/database.ts';
import { getProductsForIndexing, type ProductForIndexing } from '../../catalog/index.ts';
import { listInteractionsForTraining } from '../events/list-interactions-for-training.ts';
import { blendModels } from '../models/blend-models.ts';
import type { InteractionInput, ItemContent } from '../models/interaction-input.ts';
import { interactionsToInput } from '../models/interactions-to-input.ts';
import { pruneModelVersions, saveModel } from '../models/model-store.ts';
import type { Recommender } from '../models/recommender.ts';
import { vectorRecommender } from '../models/train-popularity.ts';
import { trainRecommenders } from '../models/train-recommenders.ts';
import {
  type EventTuningOptions,
  tuneWeightsOnEvents,
  type WeightTuning,
} from '../models/tune-weights-on-events.ts';
import { PRICE_BANDS, priceBandOf } from '../profiles/interest-tags.ts';

/** The stored model's name; serving loads its latest version. */
export const HYBRID_MODEL = 'hybrid';
/** Train when at least this many events arrived since the last model. */
export const MIN_NEW_EVENTS = 200;
/** Retrain at least this often when anything (events or catalogue) may have changed. */
export const MAX_MODEL_AGE_MS = 30 * 60_000;
const TRAINING_LOCK = 0x7265_6301;
const KEEP_VERSIONS = 3;

/**
 * Blend weights per component kind when the shop has too few shoppers to tune on: the
 * neighbourhood models carry the personal signal, popularity only breaks ties.
 */
export const DEFAULT_WEIGHTS: Record<string, number> = {
  popularity: 0.05,
  trending: 0.1,
  'item-knn': 1,
  transitions: 0.5,
  'association-rules': 0.3,
  content: 0.4,
};

/** What a training run did. */
export interface TrainingResult {
  trained: boolean;
  reason: 'no_model' | 'new_events' | 'stale' | 'forced' | 'up_to_date' | 'locked';
  version?: number;
  items?: number;
  interactions?: number;
  trainingMs?: number;
  /** Whether the blend weights were tuned on the shop's events, the weights and validation figures. */
  tuning?: WeightTuning;
}

/** Trains and stores a new hybrid when needed (or always with `force`); safe to run on every instance. */
export async function trainRecommendationModels(
  db: Db,
  options: { force?: boolean; now?: Date } = {},
): Promise<TrainingResult> {
  const now = options.now ?? new Date();
  const before = await trainingReason(db, now, options.force ?? false);
  if (before === 'up_to_date') return { trained: false, reason: before };
  return withTransaction(db, async (tx) => {
    // Transaction-scoped: released on commit or on a crash, never left behind.
    const [lock] = await tx<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(${TRAINING_LOCK}) as ok`;
    if (!lock!.ok) return { trained: false, reason: 'locked' as const };
    // Another instance may have trained while we waited for the check.
    const reason = await trainingReason(tx, now, options.force ?? false);
    if (reason === 'up_to_date') return { trained: false, reason };
    const started = performance.now();
    const [interactions, products] = await Promise.all([
      listInteractionsForTraining(tx),
      getProductsForIndexing(tx),
    ]);
    const hybrid = trainHybrid(interactions, products);
    const version = await saveModel(tx, HYBRID_MODEL, hybrid.model, hybrid.itemKeys, now);
    await pruneModelVersions(tx, HYBRID_MODEL, KEEP_VERSIONS);
    return {
      trained: true,
      reason,
      version,
      items: hybrid.itemKeys.length,
      interactions: interactions.length,
      trainingMs: Math.round(performance.now() - started),
      tuning: hybrid.tuning,
    };
  });
}

/** Whether a training run would train now (the cheap check, without the lock). */
export async function isTrainingDue(db: Db, now = new Date()): Promise<boolean> {
  return (await trainingReason(db, now, false)) !== 'up_to_date';
}

/** The cheap check: one index lookup for the model's age and a bounded count of newer events. */
async function trainingReason(db: Db, now: Date, force: boolean): Promise<TrainingResult['reason']> {
  if (force) return 'forced';
  const [latest] = await db<{ trained_at: Date | null }[]>`
    select max(trained_at) as trained_at from recommendation_models where name = ${HYBRID_MODEL}`;
  const trainedAt = latest?.trained_at;
  if (!trainedAt) return 'no_model';
  const [fresh] = await db<{ n: number }[]>`
    select count(*)::int as n from (
      select 1 from behaviour_events where occurred_at > ${trainedAt} and for_personalisation
      limit ${MIN_NEW_EVENTS}) newer`;
  if (fresh!.n >= MIN_NEW_EVENTS) return 'new_events';
  if (now.getTime() - trainedAt.getTime() >= MAX_MODEL_AGE_MS) return 'stale';
  return 'up_to_date';
}

/**
 * Trains every component on the events plus catalogue content and blends them. With enough
 * shoppers (≥ 50 with ≥ 3 interactions) the blend weights are first tuned on each shopper's last
 * new item (`tuneWeightsOnEvents`), then every component is retrained on all events; else the
 * defaults stay. The stored params carry the outcome as `tuning`.
 */
export function trainHybrid(
  interactions: Parameters<typeof interactionsToInput>[0],
  products: readonly ProductForIndexing[],
  tuningOptions: Partial<EventTuningOptions> = {},
): { model: Recommender; itemKeys: string[]; tuning: WeightTuning } {
  // Only shown products get indices from the catalogue; events may add archived ones (filtered at serving).
  const shown = products.filter((p) => p.status === 'published');
  const mapped = interactionsToInput(
    interactions,
    shown.map((p) => p.id),
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  const content = contentOf(mapped.itemKeys.map((id) => byId.get(id)));
  const input = { ...mapped.input, content };
  const sales = Float32Array.from(mapped.itemKeys, (id) => byId.get(id)?.salesCount ?? 0);
  // Tuning and serving blend the same components, sales prior included.
  const train = (events: InteractionInput) =>
    trainRecommenders(events).map((c) =>
      c.model.kind === 'popularity' || c.model.kind === 'trending' ? withSalesPrior(c.model, sales) : c.model,
    );
  const tuning = tuneWeightsOnEvents(input, train, DEFAULT_WEIGHTS, tuningOptions);
  const chosen = tuning.weights ?? DEFAULT_WEIGHTS;
  const components = train(input);
  const weights = components.map((c) => chosen[c.kind] ?? DEFAULT_WEIGHTS[c.kind] ?? 0.1);
  return { model: withTuning(blendModels(components, weights), tuning), itemKeys: mapped.itemKeys, tuning };
}

/** The hybrid whose stored params also say how its weights were chosen (restoring ignores it). */
function withTuning(model: Recommender, tuning: WeightTuning): Recommender {
  return {
    ...model,
    snapshot() {
      const snapshot = model.snapshot();
      return { ...snapshot, params: { ...snapshot.params, tuning } };
    },
  };
}

/**
 * Adds the catalogue's sales count as a small prior to a non-personal vector: it ranks a new
 * shop's products before any event exists and breaks ties after (one event outweighs it).
 */
function withSalesPrior(model: Recommender, sales: Float32Array): Recommender {
  const scores = new Float32Array(model.itemCount);
  model.scoreInto({ items: [] }, scores);
  for (let i = 0; i < scores.length; i++) scores[i]! += Math.log1p(sales[i] ?? 0) / 100;
  return vectorRecommender(model.kind, scores, model.snapshot().params);
}

/** Content per item: both titles, brand, leaf category, attribute values and a price band. */
function contentOf(products: readonly (ProductForIndexing | undefined)[]): (ItemContent | undefined)[] {
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  return products.map((p) => {
    if (!p) return undefined;
    const leaf = p.categories.at(-1);
    return {
      title: `${p.title.zh} ${p.title.en}`,
      brandId: p.brand ? idOf(`b:${p.brand.id}`) : undefined,
      categoryId: leaf ? idOf(`c:${leaf.id}`) : undefined,
      attributeIds: p.attributeValues.map((v) => idOf(`a:${v.zh}|${v.en}`)),
      // The bands the shopper's interest tags name, so content similarity and tags agree.
      priceBand: PRICE_BANDS.indexOf(priceBandOf(p.minPriceMinor)),
    };
  });
}
