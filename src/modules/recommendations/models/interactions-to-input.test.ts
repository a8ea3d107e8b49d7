import { describe, expect, it } from 'vitest';
import { interactionsToInput } from './interactions-to-input.ts';
import { historyOf } from './recommender.ts';

describe('interactionsToInput', () => {
  it('weights kinds, drops searches and impressions, orders each shopper by time', () => {
    const at = (s: number) => new Date(s * 1000);
    const { input, itemKeys, userKeys } = interactionsToInput(
      [
        { shopperKey: 'k1', productId: 'prod_b', kind: 'purchase', occurredAt: at(30) },
        { shopperKey: 'k1', productId: 'prod_a', kind: 'product_view', occurredAt: at(10) },
        { shopperKey: 'k2', productId: 'prod_a', kind: 'rec_impression', occurredAt: at(5) },
        { shopperKey: 'k2', productId: 'prod_c', kind: 'add_to_cart', occurredAt: at(20) },
      ],
      ['prod_new'],
    );
    expect(itemKeys).toEqual(['prod_new', 'prod_a', 'prod_b', 'prod_c']);
    expect(userKeys).toEqual(['k1', 'k2']);
    const k1 = historyOf(input, 0);
    expect(Array.from(k1.items, (i) => itemKeys[i])).toEqual(['prod_a', 'prod_b']);
    expect(Array.from(k1.weights!)).toEqual([1, 5]);
    expect(Array.from(k1.times!)).toEqual([10, 30]);
    expect(Array.from(historyOf(input, 1).weights!)).toEqual([3]);
  });
});
