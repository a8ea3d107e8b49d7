import { describe, expect, it } from 'vitest';
import { inputFromSequences } from './interaction-input.ts';
import { topK } from './recommender.ts';
import { trainTransitions } from './train-transitions.ts';

describe('trainTransitions', () => {
  const input = inputFromSequences(
    [
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 3],
      [4, 1, 3],
    ],
    5,
  );

  it('predicts the item that most often follows the last one', () => {
    const model = trainTransitions(input, {
      window: 1,
      backwardWeight: 0,
      targetExponent: 0,
      historyLength: 1,
    });
    expect(topK(model, { items: [0] }, 1)[0]!.item).toBe(1);
    const afterOne = topK(model, { items: [1] }, 2).map((s) => s.item);
    expect(afterOne).toEqual([2, 3]);
  });

  it('uses the earlier history items with decay (a higher-order context)', () => {
    const model = trainTransitions(input, {
      window: 2,
      gapDecay: 0.5,
      backwardWeight: 0,
      targetExponent: 0,
      historyLength: 2,
    });
    // After 4 then 1, what followed 4 two steps later (3) outweighs the overall 2 vs 3 tie-break.
    expect(topK(model, { items: [4, 1] }, 1)[0]!.item).toBe(3);
    expect(topK(model, { items: [0, 1] }, 1)[0]!.item).toBe(2);
  });

  it('stores probabilities: a row sums to at most 1', () => {
    const model = trainTransitions(input, { window: 1, backwardWeight: 0, targetExponent: 0, shrink: 0 });
    const { offsets, values } = model.matrix;
    let sum = 0;
    for (let e = offsets[1]!; e < offsets[2]!; e++) sum += values[e]!;
    expect(sum).toBeCloseTo(1, 6);
    expect(values[offsets[1]!]).toBeCloseTo(0.5, 6);
  });
});
