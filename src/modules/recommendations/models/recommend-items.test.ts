import { describe, expect, it } from 'vitest';
import type { NeighbourMatrix } from './neighbour-matrix.ts';
import { recommendItems, similarItems } from './recommend-items.ts';
import { vectorRecommender } from './train-popularity.ts';

describe('recommendItems', () => {
  const model = vectorRecommender('scores', Float32Array.from([9, 8, 7, 6, 5, 0]));
  const popularity = vectorRecommender('popularity', Float32Array.from([1, 2, 3, 4, 5, 6]));

  it('applies the business filter', () => {
    const out = recommendItems(model, { items: [] }, { k: 3, exclude: (i) => i === 0 || i === 2 });
    expect(out.map((s) => s.item)).toEqual([1, 3, 4]);
  });

  it('spreads categories with the diversity re-rank', () => {
    const categoryOf = [1, 1, 1, 2, 3, 3];
    const plain = recommendItems(model, { items: [] }, { k: 3 });
    const diverse = recommendItems(model, { items: [] }, { k: 3, diversity: { categoryOf, lambda: 0.5 } });
    expect(plain.map((s) => s.item)).toEqual([0, 1, 2]);
    // 1 (score 8, category already shown once) drops to 4; 3 (6) and 4 (5) open new categories.
    expect(diverse.map((s) => s.item)).toEqual([0, 3, 4]);
  });

  it('fills up from the fallback, and answers from it when the model throws', () => {
    const short = recommendItems(model, { items: [] }, { k: 6, fallback: popularity });
    expect(short.map((s) => s.item)).toEqual([0, 1, 2, 3, 4, 5]);
    const broken = {
      ...model,
      scoreInto: () => {
        throw new Error('boom');
      },
    };
    const out = recommendItems(
      broken,
      { items: [] },
      { k: 2, fallback: popularity, exclude: (i) => i === 5 },
    );
    expect(out.map((s) => s.item)).toEqual([4, 3]);
  });
});

describe('similarItems', () => {
  const matrix = (rows: number[][]): NeighbourMatrix => {
    const offsets = new Int32Array(rows.length + 1);
    rows.forEach((r, i) => {
      offsets[i + 1] = offsets[i]! + r.length;
    });
    return {
      offsets,
      indices: Int32Array.from(rows.flat()),
      values: Float32Array.from(rows.flat(), () => 0.5),
    };
  };

  it('uses content neighbours for a new item without interactions', () => {
    const collaborative = matrix([[1, 2], [0], [0], []]);
    const content = matrix([[3], [], [], [0, 2]]);
    expect(similarItems(3, collaborative, content, 2).map((s) => s.item)).toEqual([0, 2]);
    expect(similarItems(0, collaborative, content, 3).map((s) => s.item)).toEqual([1, 2, 3]);
  });
});
