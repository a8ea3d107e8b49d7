/**
 * Non-personal baselines: popularity (weighted event count per item) and trending (popularity
 * with exponential time decay). They answer for shoppers with no history (cold start) and anchor
 * the hybrid. Both ignore the history they are given.
 */
import type { InteractionInput } from './interaction-input.ts';
import type { ModelSnapshot, Recommender } from './recommender.ts';

/** Trending params: half-life in seconds when times are known, else in positions from each user's end. */
export interface TrendingParams {
  halfLifeSeconds: number;
  /** Used when the input has no times: an event k positions before its user's last counts 0.5^(k/halfLifeEvents). */
  halfLifeEvents: number;
}

/** A recommender whose score for every user is one fixed vector. */
export function vectorRecommender(
  kind: string,
  scores: Float32Array,
  params: Record<string, unknown> = {},
): Recommender {
  return {
    kind,
    itemCount: scores.length,
    scoreInto(_history, out) {
      out.set(scores);
    },
    snapshot(): ModelSnapshot {
      return { kind, params, arrays: { scores } };
    },
  };
}

/** Popularity: the weighted number of events per item. */
export function trainPopularity(input: InteractionInput): Recommender {
  const scores = new Float32Array(input.itemCount);
  for (let e = 0; e < input.items.length; e++)
    scores[input.items[e]!]! += input.weights ? input.weights[e]! : 1;
  return vectorRecommender('popularity', scores);
}

/**
 * Trending: each event counts 0.5^(age / half-life), age measured from the newest event. Without
 * times (a bare sequence file) age is the event's distance from its user's last event, so items
 * that users reach late in their sequences rank high.
 */
export function trainTrending(
  input: InteractionInput,
  params: TrendingParams = { halfLifeSeconds: 14 * 86_400, halfLifeEvents: 3 },
): Recommender {
  const scores = new Float32Array(input.itemCount);
  const weightOf = (e: number) => (input.weights ? input.weights[e]! : 1);
  if (input.times && input.times.length > 0) {
    let newest = Number.NEGATIVE_INFINITY;
    for (const t of input.times) newest = Math.max(newest, t);
    for (let e = 0; e < input.items.length; e++) {
      scores[input.items[e]!]! += weightOf(e) * 0.5 ** ((newest - input.times[e]!) / params.halfLifeSeconds);
    }
  } else {
    for (let u = 0; u + 1 < input.userOffsets.length; u++) {
      const last = input.userOffsets[u + 1]! - 1;
      for (let e = input.userOffsets[u]!; e <= last; e++) {
        scores[input.items[e]!]! += weightOf(e) * 0.5 ** ((last - e) / params.halfLifeEvents);
      }
    }
  }
  return vectorRecommender('trending', scores, { ...params });
}
