import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { withTransaction } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { clearCart } from './clear-cart.ts';
import { lockOrCreateActiveCart, upsertLine } from './db/cart-repository.ts';
import { getCart } from './get-cart.ts';
import { markCartOrdered } from './mark-cart-ordered.ts';
import { mergeGuestCart } from './merge-guest-cart.ts';

const { sql } = await createTestDatabase();

async function buildVariant() {
  const cat = newId('cat');
  const prod = newId('prod');
  const variant = newId('var');
  const wh = newId('wh');
  await sql`insert into categories (id, slug, name_zh, name_en) values (${cat}, ${cat}, '灯', 'Lamps')`;
  await sql`insert into products (id, slug, status, title_zh, title_en, category_id) values (${prod}, ${prod}, 'published', '灯', 'Lamp', ${cat})`;
  await sql`insert into variants (id, product_id, sku, price_minor) values (${variant}, ${prod}, ${variant}, 1000)`;
  await sql`insert into warehouses (id, code, name_zh, name_en, region) values (${wh}, ${wh}, '仓', 'WH', 'east')`;
  await sql`insert into stock_levels (variant_id, warehouse_id, on_hand) values (${variant}, ${wh}, 500)`;
  return variant;
}

async function buildCustomer() {
  const id = newId('cus');
  await sql`insert into customers (id, email) values (${id}, ${`${id}@example.com`})`;
  return id;
}

async function putLine(owner: Parameters<typeof getCart>[1], variantId: string, quantity: number) {
  await withTransaction(sql, async (tx) => {
    const cart = await lockOrCreateActiveCart(tx, owner);
    await upsertLine(tx, cart.id, variantId, quantity);
  });
}

describe('mergeGuestCart', () => {
  it('sums quantities capped at 99 and closes the guest cart', async () => {
    const variant = await buildVariant();
    const customerId = await buildCustomer();
    await putLine({ customerId }, variant, 60);
    await putLine({ sessionTokenHash: 'guest-1' }, variant, 70);
    await mergeGuestCart(sql, 'guest-1', customerId);
    expect((await getCart(sql, { customerId })).lines[0]!.quantity).toBe(99);
    expect((await getCart(sql, { sessionTokenHash: 'guest-1' })).id).toBeNull();
  });

  it('does nothing when the guest has no cart', async () => {
    const customerId = await buildCustomer();
    await mergeGuestCart(sql, 'no-such-guest', customerId);
    expect((await getCart(sql, { customerId })).id).toBeNull();
  });
});

describe('clearCart and markCartOrdered', () => {
  it('empties a cart, and an ordered cart is replaced by a fresh one', async () => {
    const variant = await buildVariant();
    const customerId = await buildCustomer();
    await putLine({ customerId }, variant, 2);
    await clearCart(sql, { customerId });
    const cleared = await getCart(sql, { customerId });
    expect(cleared.lines).toEqual([]);
    await putLine({ customerId }, variant, 1);
    expect(await withTransaction(sql, (tx) => markCartOrdered(tx, cleared.id!))).toBe(true);
    expect(await withTransaction(sql, (tx) => markCartOrdered(tx, cleared.id!))).toBe(false);
    expect((await getCart(sql, { customerId })).id).toBeNull();
  });
});
