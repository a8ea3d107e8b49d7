/**
 * Sequential "next item" transitions: what users reach within a few steps after an item (a
 * first-order Markov chain extended to skips, decaying with distance), plus a smaller weight for
 * what came just before it, since items bought the same day arrive in arbitrary order.
 */
import { accumulatePairs, itemPostings } from './cooccurrence.ts';
import type { InteractionInput } from './interaction-input.ts';
import {
  buildNeighbourMatrix,
  type HistoryScoring,
  type NeighbourRecommender,
  neighbourRecommender,
} from './neighbour-matrix.ts';

/** Transition params. */
export interface TransitionParams extends HistoryScoring {
  neighbours: number;
  /** Steps ahead counted (1 = first-order Markov). */
  window: number;
  gapDecay: number;
  /** Weight of items that came before (0 = strictly forward). */
  backwardWeight: number;
  /** P(j | i) = c_ij / (out_i + shrink), divided by n_j^targetExponent to temper popular targets. */
  shrink: number;
  targetExponent: number;
}

/** Defaults tuned on Amazon Beauty validation targets. */
export const TRANSITION_DEFAULTS: TransitionParams = {
  neighbours: 100,
  window: 3,
  gapDecay: 0.7,
  backwardWeight: 0.25,
  // A large shrink ranks rare items' transitions nearer raw counts: best on validation.
  shrink: 100,
  targetExponent: 0,
  historyLength: 5,
  recencyDecay: 0.4,
};

/** Trains the transition model on the input. */
export function trainTransitions(
  input: InteractionInput,
  params: Partial<TransitionParams> = {},
): NeighbourRecommender {
  const p = { ...TRANSITION_DEFAULTS, ...params };
  const postings = itemPostings(input);
  const n = postings.itemWeight;
  const pairs = {
    window: p.window,
    forwardWeight: 1,
    backwardWeight: p.backwardWeight,
    gapDecay: p.gapDecay,
  };
  let rowSum = 0;
  let rowOf = -1;
  const matrix = buildNeighbourMatrix(
    input.itemCount,
    p.neighbours,
    (i, acc) => {
      accumulatePairs(input, postings, i, pairs, acc);
      rowSum = 0;
      for (let t = 0; t < acc.count; t++) rowSum += acc.values[acc.touched[t]!]!;
      rowOf = i;
    },
    (i, j, raw) => {
      if (i !== rowOf) throw new Error('transition rows are finished in order');
      return raw / (rowSum + p.shrink) / Math.max(1, n[j]!) ** p.targetExponent;
    },
  );
  return neighbourRecommender('transitions', input.itemCount, matrix, p);
}
