import { describe, expect, it } from 'vitest';
import { RankingMetrics, rankOfTarget } from './ranking-metrics.ts';

describe('rankOfTarget', () => {
  it('counts higher scores and equal scores of lower index, never excluded items', () => {
    const scores = Float32Array.from([0.5, 0.9, 0.5, Number.NEGATIVE_INFINITY, 0.1]);
    expect(rankOfTarget(scores, 1)).toBe(0);
    expect(rankOfTarget(scores, 0)).toBe(1);
    expect(rankOfTarget(scores, 2)).toBe(2);
    expect(rankOfTarget(scores, 4)).toBe(3);
  });
});

describe('RankingMetrics', () => {
  it('computes HR@K and NDCG@K of known ranks', () => {
    const metrics = new RankingMetrics([1, 5]);
    for (const rank of [0, 2, 7, 4]) metrics.add(rank);
    expect(metrics.cases).toBe(4);
    expect(metrics.hitRates()).toEqual([0.25, 0.75]);
    const [at1, at5] = metrics.ndcgs();
    expect(at1).toBeCloseTo(0.25, 9);
    expect(at5).toBeCloseTo((1 + 1 / Math.log2(4) + 1 / Math.log2(6)) / 4, 9);
  });
});
