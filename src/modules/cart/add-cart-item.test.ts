import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { buildStockedVariant } from '../inventory/testing.ts';
import { addCartItem } from './add-cart-item.ts';
import { buildGuestWithCart } from './testing.ts';

const { sql } = await createTestDatabase();

describe('addCartItem', () => {
  it('loses no unit when one shopper adds concurrently, to a new cart and to an existing one', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [500] });
    const { variantId: other } = await buildStockedVariant(sql, { stock: [500] });
    // given no cart yet: 20 adds race to create it and add to the same line
    const guest = await buildGuestWithCart(sql, []);
    const owner = { sessionTokenHash: guest.tokenHash };
    await Promise.all(Array.from({ length: 20 }, () => addCartItem(sql, owner, { variantId, quantity: 1 })));
    // and then 20 more adds on the existing cart, half of them a new line
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        addCartItem(sql, owner, { variantId: i % 2 ? variantId : other, quantity: 1 }),
      ),
    );
    const lines = await sql<{ variant_id: string; quantity: number }[]>`
      select l.variant_id, l.quantity from cart_lines l join carts c on c.id = l.cart_id
       where c.session_token_hash = ${guest.tokenHash} order by l.variant_id`;
    expect(Object.fromEntries(lines.map((l) => [l.variant_id, l.quantity]))).toEqual({
      [variantId]: 30,
      [other]: 10,
    });
  });
});
