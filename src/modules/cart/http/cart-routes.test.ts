import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, registerThroughEmail } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import { newId } from '../../../app/ids.ts';
import { hashToken } from '../../identity/index.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });
beforeEach(() => app.deps.rateLimiter.reset());

/** A published product with one variant priced `priceMinor`, `onHand` in stock. */
async function buildVariant(
  db: Sql,
  options: { priceMinor?: number; onHand?: number; status?: string } = {},
) {
  const categoryId = newId('cat');
  const productId = newId('prod');
  const variantId = newId('var');
  const warehouseId = newId('wh');
  await db`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${categoryId}, '灯', 'Lamps')`;
  await db`insert into products (id, slug, status, title_zh, title_en, category_id, published_at)
    values (${productId}, ${productId}, ${options.status ?? 'published'}, '台灯', 'Desk lamp', ${categoryId}, now())`;
  await db`insert into variants (id, product_id, sku, price_minor) values (${variantId}, ${productId}, ${variantId}, ${options.priceMinor ?? 12_900})`;
  await db`insert into warehouses (id, code, name_zh, name_en, region) values (${warehouseId}, ${warehouseId}, '仓', 'WH', 'east')`;
  await db`insert into stock_levels (variant_id, warehouse_id, on_hand) values (${variantId}, ${warehouseId}, ${options.onHand ?? 50})`;
  return variantId;
}

async function guest() {
  const { token, csrfToken } = (await app.inject({ method: 'POST', url: '/store/sessions' })).json();
  return { token, csrfToken, headers: { authorization: `Bearer ${token}` } };
}

async function customer(email: string) {
  const res = await registerThroughEmail(app, { email, password: 'correct horse battery', name: 'Shopper' });
  return { ...res.json(), headers: { authorization: `Bearer ${res.json().token}` } };
}

let lamp: string;
let scarce: string;
beforeAll(async () => {
  lamp = await buildVariant(sql, { priceMinor: 12_900, onHand: 500 });
  scarce = await buildVariant(sql, { priceMinor: 5_000, onHand: 3 });
});

describe('cart', () => {
  it('gives an empty cart without creating anything', async () => {
    const res = await app.inject({ method: 'GET', url: '/store/cart' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: null,
      lines: [],
      itemCount: 0,
      subtotal: { amountMinor: 0, currency: 'CNY' },
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('adds, sums, updates and removes lines with server prices', async () => {
    const { headers } = await guest();
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: lamp, quantity: 2 },
    });
    const added = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: lamp, quantity: 1 },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().lines[0]).toMatchObject({
      variantId: lamp,
      quantity: 3,
      unitPrice: { amountMinor: 12_900 },
      lineTotal: { amountMinor: 38_700 },
    });
    expect(added.json().subtotal.amountMinor).toBe(38_700);
    const updated = await app.inject({
      method: 'PATCH',
      url: `/store/cart/items/${lamp}`,
      headers,
      payload: { quantity: 5 },
    });
    expect(updated.json()).toMatchObject({ itemCount: 5, subtotal: { amountMinor: 64_500 } });
    const removed = await app.inject({ method: 'DELETE', url: `/store/cart/items/${lamp}`, headers });
    expect(removed.json().lines).toEqual([]);
    const zero = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: lamp, quantity: 1 },
    });
    expect(zero.json().itemCount).toBe(1);
    const gone = await app.inject({
      method: 'PATCH',
      url: `/store/cart/items/${lamp}`,
      headers,
      payload: { quantity: 0 },
    });
    expect(gone.json().lines).toEqual([]);
  });

  it('gives a guest a session cookie on the first write and needs its CSRF token afterwards', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      payload: { variantId: lamp, quantity: 1 },
    });
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'lantern_session')!;
    expect(cookie.httpOnly).toBe(true);
    const noToken = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      cookies: { lantern_session: cookie.value },
      payload: { variantId: lamp, quantity: 1 },
    });
    expect(noToken.statusCode).toBe(403);
    const [session] = await sql<
      { csrf_token: string }[]
    >`select csrf_token from sessions where token_hash = ${hashToken(cookie.value)}`;
    const withToken = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      cookies: { lantern_session: cookie.value },
      headers: { 'x-csrf-token': session!.csrf_token },
      payload: { variantId: lamp, quantity: 1 },
    });
    expect(withToken.json().itemCount).toBe(2);
  });

  it('refuses price tampering and unknown fields', async () => {
    const { headers } = await guest();
    for (const payload of [
      { variantId: lamp, quantity: 1, price: 1 },
      { variantId: lamp, quantity: 1, unitPrice: { amountMinor: 1, currency: 'CNY' } },
      { variantId: lamp, quantity: 1, currency: 'USD' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/store/cart/items', headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const patch = await app.inject({
      method: 'PATCH',
      url: `/store/cart/items/${lamp}`,
      headers,
      payload: { quantity: 1, price: 0 },
    });
    expect(patch.statusCode).toBe(400);
    const cart = await app.inject({ method: 'GET', url: '/store/cart', headers });
    expect(cart.json().lines).toEqual([]);
  });

  it('refuses quantities outside 1..99 and non-integers', async () => {
    const { headers } = await guest();
    for (const quantity of [0, -1, 100, 1e9, 1.5, '2']) {
      const res = await app.inject({
        method: 'POST',
        url: '/store/cart/items',
        headers,
        payload: { variantId: lamp, quantity },
      });
      expect(res.statusCode, String(quantity)).toBe(400);
    }
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: lamp, quantity: 60 },
    });
    const over = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: lamp, quantity: 40 },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('line_quantity_limit');
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/store/cart/items/${lamp}`,
          headers,
          payload: { quantity: -3 },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('refuses more than the stock with the available count', async () => {
    const { headers } = await guest();
    const res = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: scarce, quantity: 4 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'insufficient_stock', available: 3 });
  });

  it('answers 404 for an unknown variant and 409 for an unpublished one', async () => {
    const { headers } = await guest();
    const draft = await buildVariant(sql, { status: 'draft' });
    const unknown = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: 'var_nope', quantity: 1 },
    });
    expect(unknown.statusCode).toBe(404);
    const hidden = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: draft, quantity: 1 },
    });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().code).toBe('variant_unavailable');
  });

  it('refuses a 101st different item', async () => {
    const { headers } = await guest();
    const first = (
      await app.inject({
        method: 'POST',
        url: '/store/cart/items',
        headers,
        payload: { variantId: lamp, quantity: 1 },
      })
    ).json();
    const [{ product_id: productId }] =
      (await sql`select product_id from variants where id = ${lamp}`) as unknown as [{ product_id: string }];
    const ids = Array.from({ length: 100 }, () => newId('var'));
    await sql`insert into variants (id, product_id, sku, price_minor)
      select id, ${productId}, id, 100 from unnest(${ids}::text[]) as id`;
    await sql`insert into cart_lines (cart_id, variant_id, quantity)
      select ${first.id}, id, 1 from unnest(${ids.slice(0, 99)}::text[]) as id`;
    const res = await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers,
      payload: { variantId: ids[99], quantity: 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cart_line_limit');
  });

  it("never lets a shopper read or change another shopper's cart", async () => {
    const alice = await customer('alice@example.com');
    const bob = await guest();
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: alice.headers,
      payload: { variantId: lamp, quantity: 2 },
    });
    const bobCart = await app.inject({ method: 'GET', url: '/store/cart', headers: bob.headers });
    expect(bobCart.json().lines).toEqual([]);
    const change = await app.inject({
      method: 'PATCH',
      url: `/store/cart/items/${lamp}`,
      headers: bob.headers,
      payload: { quantity: 9 },
    });
    expect(change.statusCode).toBe(404);
    const remove = await app.inject({
      method: 'DELETE',
      url: `/store/cart/items/${lamp}`,
      headers: bob.headers,
    });
    expect(remove.statusCode).toBe(404);
    const aliceCart = await app.inject({ method: 'GET', url: '/store/cart', headers: alice.headers });
    expect(aliceCart.json().lines[0].quantity).toBe(2);
  });

  it('merges the guest cart into the customer cart at login', async () => {
    const shopper = await customer('merge@example.com');
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: shopper.headers,
      payload: { variantId: lamp, quantity: 1 },
    });
    await app.inject({ method: 'POST', url: '/store/auth/logout', headers: shopper.headers });
    const visitor = await guest();
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: visitor.headers,
      payload: { variantId: lamp, quantity: 2 },
    });
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: visitor.headers,
      payload: { variantId: scarce, quantity: 1 },
    });
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      headers: visitor.headers,
      payload: { email: 'merge@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const cart = await app.inject({
      method: 'GET',
      url: '/store/cart',
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    const quantities = Object.fromEntries(
      cart.json().lines.map((l: { variantId: string; quantity: number }) => [l.variantId, l.quantity]),
    );
    expect(quantities).toEqual({ [lamp]: 3, [scarce]: 1 });
    const guestCart = await app.inject({ method: 'GET', url: '/store/cart', headers: visitor.headers });
    expect(guestCart.json().lines).toEqual([]);
  });
});
