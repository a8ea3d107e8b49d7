import { describe, expect, it } from 'vitest';
import { inputFromSequences } from './interaction-input.ts';
import { basketsOf, mineAssociationRules } from './mine-association-rules.ts';
import { topK } from './recommender.ts';

describe('mineAssociationRules', () => {
  const baskets = [
    [0, 1],
    [0, 1, 2],
    [0, 2],
    [1, 2],
    [0, 1],
  ];

  it('computes exact support, confidence and lift of each rule', () => {
    const rules = mineAssociationRules(baskets, 3, { minSupportCount: 2 }).rules();
    const rule = (a: number, c: number) => rules.find((r) => r.antecedent === a && r.consequent === c)!;
    // support(0,1) = 3/5; confidence(0→1) = 3/4; lift = (3/4) / (4/5).
    expect(rule(0, 1).support).toBeCloseTo(0.6, 6);
    expect(rule(0, 1).confidence).toBeCloseTo(0.75, 6);
    expect(rule(0, 1).lift).toBeCloseTo(0.9375, 6);
    // confidence(2→0) = 2/3; lift = (2/3) / (4/5).
    expect(rule(2, 0).confidence).toBeCloseTo(2 / 3, 6);
    expect(rule(2, 0).lift).toBeCloseTo(5 / 6, 6);
    expect(rules).toHaveLength(6);
  });

  it('drops pairs below the minimum support', () => {
    const rules = mineAssociationRules(baskets, 3, { minSupportCount: 3 }).rules();
    expect(rules.map((r) => [r.antecedent, r.consequent])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('recommends the most confident consequent for a basket item', () => {
    const model = mineAssociationRules(baskets, 3, { minSupportCount: 2, historyLength: 1 });
    expect(topK(model, { items: [0] }, 1)[0]!.item).toBe(1);
  });

  it('splits a user into sessions by time gap when times are known', () => {
    const input = { ...inputFromSequences([[0, 1, 2]], 3), times: Float64Array.from([0, 60, 200_000]) };
    expect(basketsOf(input, 86_400)).toEqual([[0, 1], [2]]);
    expect(basketsOf({ ...input, times: undefined }, 86_400)).toEqual([[0, 1, 2]]);
  });
});
