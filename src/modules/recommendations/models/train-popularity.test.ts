import { describe, expect, it } from 'vitest';
import { buildInteractionInput, inputFromSequences } from './interaction-input.ts';
import { scoreItems } from './recommender.ts';
import { trainPopularity, trainTrending } from './train-popularity.ts';

describe('trainPopularity and trainTrending', () => {
  it('counts weighted events per item', () => {
    const { input, itemKeys } = buildInteractionInput([
      { userKey: 'a', itemKey: 'x', time: 1, weight: 5 },
      { userKey: 'b', itemKey: 'x', time: 2 },
      { userKey: 'b', itemKey: 'y', time: 3 },
    ]);
    expect(itemKeys).toEqual(['x', 'y']);
    expect(Array.from(scoreItems(trainPopularity(input), { items: [] }))).toEqual([6, 1]);
  });

  it('halves an event per half-life of age', () => {
    const { input } = buildInteractionInput([
      { userKey: 'a', itemKey: 'old', time: 0 },
      { userKey: 'a', itemKey: 'new', time: 100 },
    ]);
    const scores = scoreItems(trainTrending(input, { halfLifeSeconds: 100, halfLifeEvents: 1 }), {
      items: [],
    });
    expect(scores[0]).toBeCloseTo(0.5, 6);
    expect(scores[1]).toBeCloseTo(1, 6);
  });

  it('uses positions from the end of each sequence when there are no times', () => {
    const input = inputFromSequences([[0, 1], [1]], 2);
    const scores = scoreItems(trainTrending(input, { halfLifeSeconds: 1, halfLifeEvents: 1 }), { items: [] });
    expect(scores[0]).toBeCloseTo(0.5, 6);
    expect(scores[1]).toBeCloseTo(2, 6);
  });
});
