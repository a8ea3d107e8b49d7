import { describe, expect, it } from 'vitest';
import { inputFromSequences } from './interaction-input.ts';
import { neighboursOf } from './neighbour-matrix.ts';
import { topK } from './recommender.ts';
import { trainItemKnn } from './train-item-knn.ts';

describe('trainItemKnn', () => {
  const input = inputFromSequences(
    [
      [0, 1],
      [0, 1],
      [0, 2],
    ],
    3,
  );

  it('computes cosine similarity of co-occurrence (no shrink, no distance decay)', () => {
    const model = trainItemKnn(input, { shrink: 0, gapDecay: 1, alpha: 0.5 });
    const row = neighboursOf(model.matrix, 0);
    expect(row.map((n) => n.item)).toEqual([1, 2]);
    expect(row[0]!.score).toBeCloseTo(2 / Math.sqrt(3 * 2), 6);
    expect(row[1]!.score).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(neighboursOf(model.matrix, 1)[0]!.score).toBeCloseTo(2 / Math.sqrt(6), 6);
  });

  it('shrinks rare pairs', () => {
    const model = trainItemKnn(input, { shrink: 10, gapDecay: 1, alpha: 0.5 });
    expect(neighboursOf(model.matrix, 0)[1]!.score).toBeCloseTo(1 / (Math.sqrt(3) + 10), 6);
  });

  it('scores a history by its recent items and never recommends nothing-related items', () => {
    const model = trainItemKnn(input, { shrink: 0, gapDecay: 1 });
    const top = topK(model, { items: [1] }, 3);
    expect(top[0]!.item).toBe(0);
    expect(top.find((s) => s.item === 2)?.score ?? 0).toBe(0);
  });
});
