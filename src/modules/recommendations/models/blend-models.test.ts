import { describe, expect, it } from 'vitest';
import { blendModels } from './blend-models.ts';
import { inputFromSequences } from './interaction-input.ts';
import { topK } from './recommender.ts';
import { trainPopularity, trainTrending, vectorRecommender } from './train-popularity.ts';
import { trainTransitions } from './train-transitions.ts';
import { tuneHybridWeights } from './tune-hybrid-weights.ts';

describe('blendModels', () => {
  const input = inputFromSequences(
    [
      [0, 1],
      [0, 1],
      [2, 3],
      [2, 3],
      [2, 3],
      [4, 3],
    ],
    5,
  );
  const popularity = trainPopularity(input);
  const transitions = trainTransitions(input, { window: 1, backwardWeight: 0, targetExponent: 0 });

  it('adds max-normalised scores with the given weights', () => {
    const hybrid = blendModels([popularity, transitions], [0.1, 1]);
    // After 0, transitions say 1 (normalised 1); popularity says 3 (normalised 1 × 0.1).
    expect(topK(hybrid, { items: [0] }, 2).map((s) => s.item)).toEqual([1, 3]);
    const popular = blendModels([popularity, transitions], [5, 1]);
    expect(topK(popular, { items: [0] }, 1)[0]!.item).toBe(3);
  });

  it('falls back to trending when the history gives no personal signal', () => {
    const trending = trainTrending(input);
    const hybrid = blendModels([trending, transitions], [0, 1]);
    const top = topK(hybrid, { items: [] }, 1);
    expect(top[0]!.item).toBe(3);
  });
});

describe('tuneHybridWeights', () => {
  it('gives weight to the component that predicts the targets and none to noise', () => {
    const predictive = {
      ...vectorRecommender('oracle', new Float32Array(5)),
      scoreInto(history: { items: ArrayLike<number> }, out: Float32Array) {
        out.fill(0);
        out[(history.items[history.items.length - 1]! + 1) % 5] = 1;
      },
    };
    const noise = vectorRecommender('noise', Float32Array.from([5, 4, 3, 2, 1]));
    const cases = [0, 1, 2, 3].map((i) => ({ history: { items: [i] }, target: (i + 1) % 5 }));
    const result = tuneHybridWeights([noise, predictive], cases);
    expect(result.ndcg).toBeCloseTo(1, 6);
    expect(result.weights[1]).toBeGreaterThan(result.weights[0]!);
  });
});
