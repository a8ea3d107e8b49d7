/**
 * The contract every trained model keeps: score every item for a user's history, and describe
 * itself as a snapshot (params + typed arrays) so it can be stored and restored. Ranking helpers
 * (`topK`, `scoreItems`) work on any model.
 */
import type { InteractionInput } from './interaction-input.ts';

/** Typed arrays a snapshot may hold. */
export type PackedArray = Int32Array | Float32Array | Float64Array | Uint8Array;

/** A model as plain data: its kind, its params and its arrays (what persistence stores). */
export interface ModelSnapshot {
  kind: string;
  params: Record<string, unknown>;
  arrays: Record<string, PackedArray>;
}

/** A user's recent behaviour, chronological: dense item indices, optional times and weights. */
export interface UserHistory {
  items: ArrayLike<number>;
  times?: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

/** A trained model. `scoreInto` overwrites `out` (length itemCount) with a score per item. */
export interface Recommender {
  readonly kind: string;
  readonly itemCount: number;
  scoreInto(history: UserHistory, out: Float32Array): void;
  snapshot(): ModelSnapshot;
}

/** A ranked item with its score. */
export interface ScoredItem {
  item: number;
  score: number;
}

/** The history of user `u` of an input, as a view (no copy). */
export function historyOf(input: InteractionInput, u: number): UserHistory {
  const start = input.userOffsets[u]!;
  const end = input.userOffsets[u + 1]!;
  return {
    items: input.items.subarray(start, end),
    times: input.times?.subarray(start, end),
    weights: input.weights?.subarray(start, end),
  };
}

/** Scores of the given candidates only (or of all items when none are given). */
export function scoreItems(
  model: Recommender,
  history: UserHistory,
  candidates?: ArrayLike<number>,
): Float32Array {
  const all = new Float32Array(model.itemCount);
  model.scoreInto(history, all);
  if (!candidates) return all;
  const out = new Float32Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) out[i] = all[candidates[i]!]!;
  return out;
}

/**
 * The k best items, best first; ties go to the lower index. `exclude` drops items (a set, or a
 * predicate such as "not in stock"); items scoring -Infinity are never returned.
 */
export function topK(
  model: Recommender,
  history: UserHistory,
  k: number,
  exclude?: ReadonlySet<number> | ((item: number) => boolean),
): ScoredItem[] {
  const scores = new Float32Array(model.itemCount);
  model.scoreInto(history, scores);
  return topOfScores(scores, k, exclude);
}

/** The k best entries of a score vector scoring above `minScore` (same rules as `topK`). */
export function topOfScores(
  scores: Float32Array,
  k: number,
  exclude?: ReadonlySet<number> | ((item: number) => boolean),
  minScore = Number.NEGATIVE_INFINITY,
): ScoredItem[] {
  const isExcluded =
    exclude === undefined
      ? () => false
      : typeof exclude === 'function'
        ? exclude
        : (i: number) => exclude.has(i);
  // A small sorted buffer: k is small (≤ 100) and most items never enter it.
  const best: ScoredItem[] = [];
  // Scores must beat this to enter: the floor, or the k-th best once k are held.
  let threshold = minScore;
  for (let item = 0; item < scores.length; item++) {
    const score = scores[item]!;
    if (score <= threshold || score === Number.NEGATIVE_INFINITY) continue;
    if (isExcluded(item)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { item, score });
    if (best.length > k) best.pop();
    if (best.length === k) threshold = Math.max(minScore, best[k - 1]!.score);
  }
  return best;
}

/** Weight of each history position: recency decay from the newest, times the event weight. */
export function historyWeights(history: UserHistory, maxLength: number, recencyDecay: number): Float32Array {
  const n = history.items.length;
  const length = Math.min(n, maxLength);
  const out = new Float32Array(length);
  let w = 1;
  for (let back = 0; back < length; back++) {
    const at = n - 1 - back;
    out[length - 1 - back] = w * (history.weights ? history.weights[at]! : 1);
    w *= recencyDecay;
  }
  return out;
}
