import { describe, expect, it } from 'vitest';
import { cartOwnerOf, priceCart, type VariantFacts } from './cart.ts';

const fact = (variantId: string, amountMinor: number, isPurchasable = true): VariantFacts => ({
  variantId,
  productId: 'prod_1',
  productSlug: 'lamp',
  sku: variantId,
  title: { zh: '台灯', en: 'Lamp' },
  variantLabel: { zh: '黑色', en: 'Black' },
  image: null,
  price: { amountMinor, currency: 'CNY' },
  isPurchasable,
});

describe('priceCart', () => {
  it('totals purchasable lines only and drops variants catalog no longer knows', () => {
    const cart = priceCart(
      { id: 'cart_1', currency: 'CNY' },
      [
        { variantId: 'var_a', quantity: 2 },
        { variantId: 'var_b', quantity: 1 },
        { variantId: 'var_gone', quantity: 4 },
      ],
      new Map([
        ['var_a', fact('var_a', 1_250)],
        ['var_b', fact('var_b', 9_900, false)],
      ]),
      new Map([['var_a', 7]]),
    );
    expect(cart.lines.map((l) => l.variantId)).toEqual(['var_a', 'var_b']);
    expect(cart.lines[0]).toMatchObject({ lineTotal: { amountMinor: 2_500 }, available: 7 });
    expect(cart.lines[1]).toMatchObject({ available: 0, isPurchasable: false });
    expect(cart.itemCount).toBe(3);
    expect(cart.subtotal).toEqual({ amountMinor: 2_500, currency: 'CNY' });
  });
});

describe('cartOwnerOf', () => {
  it('uses the customer when signed in, else the session', () => {
    expect(cartOwnerOf({ customerId: 'cus_1', tokenHash: 'h' })).toEqual({ customerId: 'cus_1' });
    expect(cartOwnerOf({ customerId: null, tokenHash: 'h' })).toEqual({ sessionTokenHash: 'h' });
  });
});
