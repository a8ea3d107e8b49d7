/**
 * Issue 2, point 9 and "another shopper's ids": every read and write checks owner and role. A
 * shopper never reads or changes another's cart, order, address or payment; a guest needs the
 * order's secret token; unknown and forbidden both answer the same 404; ids are not guessable;
 * shopper, agent and merchant credentials open only their own doors.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  ADDRESS,
  bearer,
  DEMO,
  expectProblem,
  expectRefusedUnchanged,
  fingerprint,
  GOOD_CARD,
  guestSession,
  idempotencyKey,
  loginShopper,
  loginStaff,
  placeOrder,
  registerShopper,
  sellableVariant,
} from './security-support.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });
const alice = await loginShopper(app); // the demo shopper
const bob = await registerShopper(app, 'Bob');
const merchant = await loginStaff(app, DEMO.merchant);
const agent = await loginStaff(app, DEMO.agent);
const item = await sellableVariant(sql, 10);
const other = await sellableVariant(sql, 10, [item.variantId]);

const aliceOrder = await placeOrder(app, alice, item.variantId, 1);
const guest = await guestSession(app);
const guestOrder = await placeOrder(app, guest, item.variantId, 1);
const [aliceAddress] = await sql<{ id: string }[]>`
  select id from addresses where customer_id = ${alice.customerId!} order by created_at limit 1`;
// Alice keeps a line in her cart that Bob does not have.
await app.inject({
  method: 'POST',
  url: '/store/cart/items',
  headers: bearer(alice.token),
  payload: { variantId: other.variantId, quantity: 2 },
});

/** The problem without `instance` (which names the URL asked for). */
function sameAnswer(res: LightMyRequestResponse) {
  const { instance: _instance, ...rest } = res.json() as Record<string, unknown>;
  return { status: res.statusCode, ...rest };
}

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

describe("another shopper's order", () => {
  it('is a 404 by id and by number, exactly like an order that does not exist', async () => {
    const byId = await get(`/store/orders/${aliceOrder.orderId}`, bearer(bob.token));
    expectProblem(byId, 404, 'order_not_found');
    const byNumber = await get(`/store/orders/${aliceOrder.number}`, bearer(bob.token));
    expectProblem(byNumber, 404, 'order_not_found');
    const unknown = await get('/store/orders/ord_0000000000000000', bearer(bob.token));
    expect(sameAnswer(byId)).toEqual(sameAnswer(unknown));
    expect(sameAnswer(byNumber)).toEqual(sameAnswer(unknown));
    // and the owner does see it, so the 404 above is about ownership
    expect((await get(`/store/orders/${aliceOrder.orderId}`, bearer(alice.token))).statusCode).toBe(200);
  });

  it("never appears in the other shopper's order list", async () => {
    const list = await get('/store/orders', bearer(bob.token));
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(aliceOrder.orderId);
  });

  it('cannot be paid by another shopper (404, no payment row, order still awaiting payment)', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: `/store/orders/${aliceOrder.orderId}/payments`,
          headers: { ...bearer(bob.token), 'idempotency-key': idempotencyKey() },
          payload: { method: 'card', card: GOOD_CARD },
        }),
      404,
      'order_not_found',
    );
  });

  it("cannot be paid with another order's guest token", async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: `/store/orders/${aliceOrder.orderId}/payments`,
          headers: { 'x-order-token': guestOrder.accessToken, 'idempotency-key': idempotencyKey() },
          payload: { method: 'card', card: GOOD_CARD },
        }),
      404,
      'order_not_found',
    );
  });

  it('cannot have a wallet payment approved through the shop, by anyone: only the provider captures', async () => {
    const pending = await app.inject({
      method: 'POST',
      url: `/store/orders/${aliceOrder.orderId}/payments`,
      headers: { ...bearer(alice.token), 'idempotency-key': idempotencyKey() },
      payload: { method: 'alipay' },
    });
    expect(pending.json()).toMatchObject({ status: 'pending' });
    const paymentId = pending.json().paymentId as string;
    for (const who of [bob, alice]) {
      await expectRefusedUnchanged(
        sql,
        () =>
          app.inject({
            method: 'POST',
            url: `/store/payments/sandbox/${paymentId}/approve`,
            headers: bearer(who.token),
            payload: { outcome: 'captured' },
          }),
        404,
      );
    }
    // the shop's payment id opens no page at the provider either
    const page = await app.inject({
      method: 'GET',
      url: `/sandbox/pay/${paymentId}`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(404);
    const [order] = await sql`select status from orders where id = ${aliceOrder.orderId}`;
    expect(order!.status).toBe('pending_payment');
  });
});

describe('the storefront pages keep the same rules as the API', () => {
  it("the order page of someone else's order, or a guest order without its token, is a 404 page", async () => {
    const page = (url: string, cookie?: string) =>
      app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
    const bobCookie = `lantern_session=${bob.token}`;
    expect((await page(`/orders/${aliceOrder.orderId}`, bobCookie)).statusCode).toBe(404);
    expect((await page(`/orders/${aliceOrder.number}`, bobCookie)).statusCode).toBe(404);
    expect((await page(`/orders/${guestOrder.orderId}`)).statusCode).toBe(404);
    expect((await page(`/orders/${guestOrder.orderId}?token=${aliceOrder.accessToken}`)).statusCode).toBe(
      404,
    );
    const own = await page(`/orders/${aliceOrder.orderId}`, `lantern_session=${alice.token}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(aliceOrder.number);
    expect(own.headers['cache-control']).toMatch(/private|no-store/);
    const list = await page('/account/orders', bobCookie);
    expect(list.body).not.toContain(aliceOrder.number);
  });
});

describe('guest orders', () => {
  it('need their access token: none, a wrong one, or a signed-in stranger all get 404', async () => {
    const url = `/store/orders/${guestOrder.orderId}`;
    const unknown = sameAnswer(
      await get('/store/orders/ord_0000000000000000', { 'x-order-token': 'x'.repeat(43) }),
    );
    for (const res of [
      await get(url),
      await get(url, { 'x-order-token': 'x'.repeat(43) }),
      await get(`${url}?token=${aliceOrder.accessToken}`),
      await get(url, bearer(bob.token)),
      await get(url, bearer(guest.token)), // even the session that placed it needs the token
    ]) {
      expectProblem(res, 404, 'order_not_found');
      expect(sameAnswer(res)).toEqual(unknown);
    }
    const withToken = await get(url, { 'x-order-token': guestOrder.accessToken });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().id).toBe(guestOrder.orderId);
  });

  it('cannot be paid without the token', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: `/store/orders/${guestOrder.orderId}/payments`,
          headers: { 'idempotency-key': idempotencyKey() },
          payload: { method: 'card', card: GOOD_CARD },
        }),
      404,
      'order_not_found',
    );
  });
});

describe('guest checkout with a customer’s email', () => {
  it('does not link the order to that account: the customer neither lists nor opens it', async () => {
    const stranger = await guestSession(app);
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: bearer(stranger.token),
      payload: { variantId: item.variantId, quantity: 1 },
    });
    const placed = await app.inject({
      method: 'POST',
      url: '/store/checkout/orders',
      headers: { ...bearer(stranger.token), 'idempotency-key': idempotencyKey() },
      payload: {
        email: DEMO.shopper.email,
        phone: '13800138000',
        address: ADDRESS,
        deliveryOption: 'standard',
      },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const [row] = await sql`select customer_id from orders where id = ${placed.json().orderId}`;
    expect(row!.customer_id).toBeNull();
    expect(JSON.stringify((await get('/store/orders', bearer(alice.token))).json())).not.toContain(
      placed.json().orderId,
    );
    expectProblem(
      await get(`/store/orders/${placed.json().orderId}`, bearer(alice.token)),
      404,
      'order_not_found',
    );
  });
});

describe("another shopper's address", () => {
  it('cannot be changed, made default or deleted (404, unchanged)', async () => {
    const url = `/store/account/addresses/${aliceAddress!.id}`;
    await expectRefusedUnchanged(
      sql,
      async () => {
        const edit = await app.inject({
          method: 'PATCH',
          url,
          headers: bearer(bob.token),
          payload: { line1: 'Hijacked' },
        });
        expectProblem(edit, 404, 'address_not_found');
        const makeDefault = await app.inject({
          method: 'PATCH',
          url,
          headers: bearer(bob.token),
          payload: { isDefault: true },
        });
        expectProblem(makeDefault, 404, 'address_not_found');
        return app.inject({ method: 'DELETE', url, headers: bearer(bob.token) });
      },
      404,
      'address_not_found',
    );
  });

  it('cannot be used for checkout by id (404, no order)', async () => {
    await app.inject({
      method: 'POST',
      url: '/store/cart/items',
      headers: bearer(bob.token),
      payload: { variantId: item.variantId, quantity: 1 },
    });
    for (const who of [bob, guest]) {
      await expectRefusedUnchanged(
        sql,
        () =>
          app.inject({
            method: 'POST',
            url: '/store/checkout/orders',
            headers: { ...bearer(who.token), 'idempotency-key': idempotencyKey() },
            payload: {
              email: 'bob@example.com',
              phone: '13800138000',
              savedAddressId: aliceAddress!.id,
              deliveryOption: 'standard',
            },
          }),
        404,
        'address_not_found',
      );
    }
  });

  it("never appears in the other shopper's address list", async () => {
    const list = await get('/store/account/addresses', bearer(bob.token));
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(aliceAddress!.id);
  });
});

describe("another shopper's cart", () => {
  it('is never visible: each session reads only its own lines', async () => {
    const bobCart = await get('/store/cart', bearer(bob.token));
    expect(JSON.stringify(bobCart.json())).not.toContain(other.variantId);
    const aliceCart = await get('/store/cart', bearer(alice.token));
    expect(JSON.stringify(aliceCart.json())).toContain(other.variantId);
  });

  it("cannot be edited: changing or removing Alice's line from Bob's session leaves her cart as it was", async () => {
    const before = await fingerprint(sql);
    const set = await app.inject({
      method: 'PATCH',
      url: `/store/cart/items/${other.variantId}`,
      headers: bearer(bob.token),
      payload: { quantity: 99 },
    });
    expectProblem(set, 404);
    expect(await fingerprint(sql)).toEqual(before);
    await app.inject({
      method: 'DELETE',
      url: `/store/cart/items/${other.variantId}`,
      headers: bearer(bob.token),
    });
    const aliceCart = (await get('/store/cart', bearer(alice.token))).json();
    expect(
      aliceCart.lines.find((l: { variantId: string }) => l.variantId === other.variantId)?.quantity,
    ).toBe(2);
  });
});

describe('ids and secrets are not guessable', () => {
  it('order, payment and address ids are 80 random bits; numbers carry 7 random digits; tokens 256 bits', async () => {
    const second = await placeOrder(app, await guestSession(app), item.variantId, 1);
    for (const id of [aliceOrder.orderId, guestOrder.orderId, second.orderId])
      expect(id).toMatch(/^ord_[0-9a-hjkmnp-tv-z]{16}$/);
    expect(aliceAddress!.id).toMatch(/^adr_[0-9a-z]{16}$/);
    // consecutive orders share nothing but the prefix and the date
    expect(second.orderId.slice(4, 10)).not.toBe(guestOrder.orderId.slice(4, 10));
    expect(second.number).toMatch(/^LT\d{13}$/);
    expect(Math.abs(Number(second.number.slice(8)) - Number(guestOrder.number.slice(8)))).not.toBe(1);
    expect(second.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.accessToken).not.toBe(guestOrder.accessToken);
  });
});

describe('roles: shopper, agent and merchant credentials never mix', () => {
  const adminReads = [
    '/admin/products',
    `/admin/products/${item.productId}`,
    '/admin/inventory',
    `/admin/inventory/${item.variantId}/movements`,
    '/admin/orders',
    `/admin/orders/${aliceOrder.orderId}`,
    `/admin/orders/${aliceOrder.orderId}/payments`,
    '/admin/auth/me',
  ];
  const merchantWrites = [
    {
      url: '/admin/products',
      payload: {
        title: { zh: '新', en: 'New' },
        categoryId: 'cat_x',
        variants: [{ sku: 'R-1', optionValues: {}, priceMinor: 1 }],
      },
    },
    {
      url: `/admin/products/${item.productId}`,
      method: 'PATCH' as const,
      payload: { title: { zh: '改', en: 'Changed' } },
    },
    { url: `/admin/products/${item.productId}/archive` },
    { url: `/admin/products/${item.productId}/publish` },
    {
      url: '/admin/inventory/adjustments',
      payload: { variantId: item.variantId, warehouseId: 'wh_x', delta: 100, reason: 'restock' },
    },
    { url: `/admin/orders/${aliceOrder.orderId}/cancel`, payload: { reason: 'agent says so' } },
    { url: `/admin/orders/${aliceOrder.orderId}/ship`, payload: { trackingNumber: 'SF123456' } },
    { url: '/admin/payments/pay_0000000000000000/refunds', payload: { amountMinor: 100 }, key: true },
  ];

  function write(w: (typeof merchantWrites)[number], headers: Record<string, string>) {
    return app.inject({
      method: w.method ?? 'POST',
      url: w.url,
      headers: { ...headers, ...(w.key ? { 'idempotency-key': idempotencyKey() } : {}) },
      ...(w.payload ? { payload: w.payload } : {}),
    });
  }

  it('a shopper bearer token is not an admin credential: 401 on every /admin read and write', async () => {
    const before = await fingerprint(sql);
    for (const url of adminReads) expectProblem(await get(url, bearer(alice.token)), 401, 'unauthenticated');
    for (const w of merchantWrites)
      expectProblem(await write(w, bearer(alice.token)), 401, 'unauthenticated');
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('a shopper session cookie is not an admin credential either', async () => {
    const before = await fingerprint(sql);
    const cookie = { cookie: `lantern_session=${alice.token}`, 'x-csrf-token': alice.csrfToken };
    for (const url of adminReads) expectProblem(await get(url, cookie), 401, 'unauthenticated');
    for (const w of merchantWrites) expectProblem(await write(w, cookie), 401, 'unauthenticated');
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('an agent may sign in and read orders, but every merchant-only write is 403', async () => {
    expect((await get('/admin/auth/me', bearer(agent.token))).json().role).toBe('agent');
    // Support reads orders to help shoppers; changing them stays the merchant's.
    expect((await get('/admin/orders', bearer(agent.token))).statusCode).toBe(200);
    expect((await get(`/admin/orders/${aliceOrder.orderId}`, bearer(agent.token))).statusCode).toBe(200);
    const before = await fingerprint(sql);
    for (const w of merchantWrites) expectProblem(await write(w, bearer(agent.token)), 403, 'forbidden');
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('a staff token is not a shopper: /store account, orders and addresses answer 401', async () => {
    const before = await fingerprint(sql);
    for (const token of [merchant.token, agent.token]) {
      for (const url of ['/store/account', '/store/orders', '/store/account/addresses'])
        expectProblem(await get(url, bearer(token)), 401, 'unauthenticated');
      expectProblem(
        await app.inject({
          method: 'POST',
          url: '/store/account/addresses',
          headers: bearer(token),
          payload: ADDRESS,
        }),
        401,
        'unauthenticated',
      );
      expectProblem(
        await app.inject({
          method: 'PUT',
          url: '/store/account/preferences',
          headers: bearer(token),
          payload: { theme: 'dark' },
        }),
        401,
        'unauthenticated',
      );
      // nor does it open someone's order
      expectProblem(await get(`/store/orders/${aliceOrder.orderId}`, bearer(token)), 404, 'order_not_found');
    }
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('anonymous callers get 401 on every protected route and 404 on orders, and change nothing', async () => {
    const before = await fingerprint(sql);
    for (const url of [...adminReads, '/store/account', '/store/orders', '/store/account/addresses'])
      expectProblem(await get(url), 401, 'unauthenticated');
    for (const w of merchantWrites) expectProblem(await write(w, {}), 401, 'unauthenticated');
    for (const [method, url, payload] of [
      ['PATCH', '/store/account', { name: 'x' }],
      ['PUT', '/store/account/preferences', { theme: 'dark' }],
      ['POST', '/store/account/addresses', { ...ADDRESS }],
      ['DELETE', `/store/account/addresses/${aliceAddress!.id}`, undefined],
    ] as const)
      expectProblem(
        await app.inject({ method, url, ...(payload ? { payload } : {}) }),
        401,
        'unauthenticated',
      );
    expectProblem(await get(`/store/orders/${aliceOrder.orderId}`), 404, 'order_not_found');
    expectProblem(
      await app.inject({
        method: 'POST',
        url: `/store/orders/${aliceOrder.orderId}/payments`,
        headers: { 'idempotency-key': idempotencyKey() },
        payload: { method: 'card', card: GOOD_CARD },
      }),
      404,
      'order_not_found',
    );
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('the merchant can do what the agent could not (so the 403s above are about the role)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/admin/orders/${aliceOrder.orderId}/cancel`,
      headers: bearer(merchant.token),
      payload: { reason: '顾客要求' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('cancelled');
  });
});
