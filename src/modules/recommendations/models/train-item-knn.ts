/**
 * Item-to-item collaborative filtering (ItemKNN): items are similar when the same users interact
 * with both. Similarity is an asymmetric cosine with shrinkage, optionally favouring pairs that
 * are close in the sequence; a history is scored by its recent items' neighbours.
 */
import { accumulatePairs, itemPostings } from './cooccurrence.ts';
import type { InteractionInput } from './interaction-input.ts';
import {
  buildNeighbourMatrix,
  type HistoryScoring,
  type NeighbourRecommender,
  neighbourRecommender,
} from './neighbour-matrix.ts';

/** ItemKNN params. */
export interface ItemKnnParams extends HistoryScoring {
  /** Neighbours kept per item. */
  neighbours: number;
  /** Added to the denominator: pairs seen together rarely count less. */
  shrink: number;
  /** sim(i,j) = c_ij / (n_i^alpha · n_j^(1-alpha) + shrink); 0.5 is the cosine. */
  alpha: number;
  /** Pairs further apart in the sequence count gapDecay^(distance-1) (1 = plain co-occurrence). */
  gapDecay: number;
  /** Largest distance considered. */
  window: number;
}

/** Defaults tuned on Amazon Beauty validation targets. */
export const ITEM_KNN_DEFAULTS: ItemKnnParams = {
  neighbours: 100,
  shrink: 50,
  alpha: 0.7,
  gapDecay: 0.8,
  window: 50,
  historyLength: 20,
  recencyDecay: 0.7,
};

/** Trains ItemKNN on the input. */
export function trainItemKnn(
  input: InteractionInput,
  params: Partial<ItemKnnParams> = {},
): NeighbourRecommender {
  const p = { ...ITEM_KNN_DEFAULTS, ...params };
  const postings = itemPostings(input);
  const n = postings.itemWeight;
  const pairs = { window: p.window, forwardWeight: 1, backwardWeight: 1, gapDecay: p.gapDecay };
  const matrix = buildNeighbourMatrix(
    input.itemCount,
    p.neighbours,
    (i, acc) => accumulatePairs(input, postings, i, pairs, acc),
    (i, j, raw) => raw / (n[i]! ** p.alpha * n[j]! ** (1 - p.alpha) + p.shrink),
  );
  return neighbourRecommender('item-knn', input.itemCount, matrix, p);
}
