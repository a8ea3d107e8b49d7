/**
 * Tunes a hybrid's blend weights on a shop's own events: each eligible shopper's last new item
 * (one not seen earlier in their history) is held out for validation, components are trained on
 * the rest, `tuneHybridWeights` fits the weights on those targets, and the result is compared
 * with the given default weights on the same targets. Bounded: at most `maxCases` shoppers (an
 * even spread) and no tuning when training the validation split alone took the whole budget.
 */
import { evaluateModel } from '../evaluation/evaluate-recommenders.ts';
import { blendModels } from './blend-models.ts';
import { type InteractionInput, truncateUsers, userCount } from './interaction-input.ts';
import type { Recommender } from './recommender.ts';
import { type TuningCase, tuneHybridWeights } from './tune-hybrid-weights.ts';

/** When to tune, and how much time and data it may use. */
export interface EventTuningOptions {
  /** Tune only with at least this many shoppers having `minInteractions` events and a held-out item. */
  minShoppers: number;
  minInteractions: number;
  /** Shoppers used as validation targets at most (an even spread over all eligible ones). */
  maxCases: number;
  /** Skip tuning when training the validation split already took this long. */
  budgetMs: number;
  k: number;
}

export const DEFAULT_EVENT_TUNING: EventTuningOptions = {
  minShoppers: 50,
  minInteractions: 3,
  maxCases: 2_000,
  budgetMs: 20_000,
  k: 10,
};

/** What tuning did: the weights it chose and the validation figures behind them. */
export interface WeightTuning {
  status: 'tuned' | 'too_few_shoppers' | 'over_budget';
  /** Shoppers with enough events and a held-out item. */
  eligibleShoppers: number;
  /** Validation targets used. */
  cases: number;
  k: number;
  /** Tuned weights per component kind (only when tuned). */
  weights?: Record<string, number>;
  /** NDCG@k and HR@k on the validation targets, with the tuned and with the default weights. */
  tuned?: { ndcg: number; hitRate: number };
  defaults?: { ndcg: number; hitRate: number };
  ms: number;
}

/**
 * Tunes weights for the components `train` builds from an input. `defaults` gives the weight of
 * each kind without tuning (the comparison baseline). Pure: no I/O.
 */
export function tuneWeightsOnEvents(
  input: InteractionInput,
  train: (input: InteractionInput) => Recommender[],
  defaults: Readonly<Record<string, number>>,
  options: Partial<EventTuningOptions> = {},
): WeightTuning {
  const o = { ...DEFAULT_EVENT_TUNING, ...options };
  const started = performance.now();
  const split = holdOutLastNewItems(input, o.minInteractions);
  const base = { eligibleShoppers: split.cases.length, cases: 0, k: o.k };
  if (split.cases.length < o.minShoppers) {
    return { status: 'too_few_shoppers', ...base, ms: Math.round(performance.now() - started) };
  }
  const components = train(split.training);
  if (performance.now() - started > o.budgetMs) {
    return { status: 'over_budget', ...base, ms: Math.round(performance.now() - started) };
  }
  const step = Math.max(1, Math.ceil(split.cases.length / o.maxCases));
  const cases = split.cases.filter((_, at) => at % step === 0);
  const result = tuneHybridWeights(components, cases, { k: o.k });
  const kinds = components.map((c) => c.kind);
  const figures = (weights: readonly number[]) => {
    const metrics = evaluateModel(blendModels(components, weights), cases, [o.k]);
    return { ndcg: round(metrics.ndcgs()[0]!), hitRate: round(metrics.hitRates()[0]!) };
  };
  return {
    status: 'tuned',
    ...base,
    cases: cases.length,
    weights: Object.fromEntries(kinds.map((kind, c) => [kind, result.weights[c]!])),
    tuned: figures(result.weights),
    defaults: figures(kinds.map((kind) => defaults[kind] ?? 0.1)),
    ms: Math.round(performance.now() - started),
  };
}

/**
 * The validation split: for each shopper with at least `minInteractions` events, the target is
 * their last item not seen before in their history, the history is everything before it, and the
 * training input drops that event and all after it (later events only repeat earlier items).
 * Other shoppers' events are all kept for training.
 */
export function holdOutLastNewItems(
  input: InteractionInput,
  minInteractions: number,
): { training: InteractionInput; cases: TuningCase[] } {
  const users = userCount(input);
  const keepUntil = new Int32Array(users);
  const targets: { user: number; at: number }[] = [];
  for (let u = 0; u < users; u++) {
    const start = input.userOffsets[u]!;
    const end = input.userOffsets[u + 1]!;
    keepUntil[u] = end;
    if (end - start < minInteractions) continue;
    const at = lastNewItem(input.items, start, end);
    if (at === -1) continue;
    keepUntil[u] = at;
    targets.push({ user: u, at });
  }
  const training = truncateUsers(input, keepUntil);
  const cases = targets.map(({ user, at }) => {
    const start = input.userOffsets[user]!;
    return {
      target: input.items[at]!,
      history: {
        items: input.items.subarray(start, at),
        times: input.times?.subarray(start, at),
        weights: input.weights?.subarray(start, at),
      },
    };
  });
  return { training, cases };
}

/** Index of the last event whose item does not occur earlier in [start, end), or -1 (never the first). */
function lastNewItem(items: Int32Array, start: number, end: number): number {
  const firstSeen = new Map<number, number>();
  for (let e = start; e < end; e++) if (!firstSeen.has(items[e]!)) firstSeen.set(items[e]!, e);
  let last = -1;
  for (const at of firstSeen.values()) if (at > start && at > last) last = at;
  return last;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
