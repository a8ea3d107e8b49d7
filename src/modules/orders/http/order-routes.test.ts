import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import { buildCustomerWithCart, buildGuestWithCart } from '../../cart/testing.ts';
import { countRows, orderBody } from '../../checkout/testing.ts';
import { buildMerchant } from '../../identity/testing.ts';
import { buildStockedVariant, stockOf } from '../../inventory/testing.ts';
import { GOOD_CARD } from '../../payments/testing.ts';
import { expireUnpaidOrders } from '../cancel-order.ts';

const { app, sql } = await createTestApp();
const merchant = await buildMerchant(sql);
let keys = 0;

async function placeFor(token: string, body = orderBody()) {
  const res = await app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `order-test-${++keys}` },
    payload: body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { orderId: string; number: string; accessToken: string };
}

async function pay(orderId: string, accessToken: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/store/orders/${orderId}/payments`,
    headers: { 'x-order-token': accessToken, 'idempotency-key': `pay-test-${++keys}` },
    payload: { method: 'card', card: GOOD_CARD },
  });
  expect(res.json().status).toBe('captured');
}

const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${merchant.token}` },
    ...(payload ? { payload } : {}),
  });

describe('reading orders', () => {
  it('lets a guest read with the token, and answers 404 for a wrong or missing token', async () => {
    const { variantId } = await buildStockedVariant(sql);
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    const placed = await placeFor(guest.token);
    const ok = await app.inject({ url: `/store/orders/${placed.orderId}?token=${placed.accessToken}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      number: placed.number,
      status: 'pending_payment',
      lines: [{ variantId, quantity: 1 }],
    });
    expect(ok.json().timeline.map((e: { type: string }) => e.type)).toEqual(['order.placed']);
    expect(ok.headers['cache-control']).toContain('no-store');
    for (const headers of [{ 'x-order-token': 'wrong' }, {}, { authorization: `Bearer ${guest.token}` }]) {
      const res = await app.inject({ url: `/store/orders/${placed.orderId}`, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('order_not_found');
    }
  });

  it("never shows a customer another customer's order", async () => {
    const { variantId } = await buildStockedVariant(sql);
    const alice = await buildCustomerWithCart(sql, [{ variantId, quantity: 1 }]);
    const bob = await buildCustomerWithCart(sql, [{ variantId, quantity: 1 }]);
    const alicesOrder = await placeFor(alice.token);
    const mine = await app.inject({
      url: `/store/orders/${alicesOrder.orderId}`,
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(mine.statusCode).toBe(200);
    const theirs = await app.inject({
      url: `/store/orders/${alicesOrder.orderId}`,
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(theirs.statusCode).toBe(404);
    const list = await app.inject({
      url: '/store/orders',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(list.json().items).toEqual([]);
    const aliceList = await app.inject({
      url: '/store/orders',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(aliceList.json().items.map((o: { id: string }) => o.id)).toEqual([alicesOrder.orderId]);
    expect((await app.inject({ url: '/store/orders' })).statusCode).toBe(401);
  });
});

describe('merchant order actions', () => {
  it('lists and filters orders for staff only', async () => {
    const { variantId } = await buildStockedVariant(sql);
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    const placed = await placeFor(guest.token, orderBody({ email: 'findme@example.com' }));
    const byEmail = await admin('GET', '/admin/orders?q=FINDME');
    expect(byEmail.json().items.map((o: { id: string }) => o.id)).toEqual([placed.orderId]);
    const byNumber = await admin('GET', `/admin/orders?q=${placed.number}&status=pending_payment`);
    expect(byNumber.json().total).toBe(1);
    const paidOnly = await admin('GET', `/admin/orders?q=${placed.number}&status=paid`);
    expect(paidOnly.json().total).toBe(0);
    const future = await admin('GET', `/admin/orders?from=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future.json().items).toEqual([]);
    expect((await admin('GET', '/admin/orders?pageSize=1000')).statusCode).toBe(400);
    const asShopper = await app.inject({
      url: '/admin/orders',
      headers: { authorization: `Bearer ${guest.token}` },
    });
    expect(asShopper.statusCode).toBe(401);
  });

  it('walks paid → shipped → delivered → completed and refuses illegal moves with 409', async () => {
    const { variantId, productId } = await buildStockedVariant(sql);
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    const placed = await placeFor(guest.token);
    const before = await countRows(sql);
    const early = await admin('POST', `/admin/orders/${placed.orderId}/ship`, { trackingNumber: 'SF123456' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('illegal_order_transition');
    expect(await countRows(sql)).toEqual(before);
    await pay(placed.orderId, placed.accessToken);
    const shipped = await admin('POST', `/admin/orders/${placed.orderId}/ship`, {
      trackingNumber: 'SF123456',
    });
    expect(shipped.json()).toMatchObject({ status: 'shipped', trackingNumber: 'SF123456' });
    const [event] =
      await sql`select payload from domain_events where type = 'order.shipped' and aggregate_id = ${placed.orderId}`;
    expect(event!.payload.productIds).toEqual([productId]);
    expect(
      (await admin('POST', `/admin/orders/${placed.orderId}/cancel`, { reason: 'too late' })).statusCode,
    ).toBe(409);
    expect((await admin('POST', `/admin/orders/${placed.orderId}/deliver`, {})).json().status).toBe(
      'delivered',
    );
    const done = await admin('POST', `/admin/orders/${placed.orderId}/complete`, {});
    expect(done.json().status).toBe('completed');
    expect(done.json().timeline.map((e: { type: string }) => e.type)).toEqual([
      'order.placed',
      'order.paid',
      'order.shipped',
      'order.delivered',
      'order.completed',
    ]);
    expect(done.json().timeline.at(-1).actor).toBe(`staff:${merchant.staffId}`);
    expect((await admin('POST', `/admin/orders/nope/ship`, { trackingNumber: 'SF1' })).statusCode).toBe(404);
  });

  it('cancels an unpaid order releasing its stock, and a paid one restocking and noting the refund', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [5] });
    const a = await placeFor((await buildGuestWithCart(sql, [{ variantId, quantity: 2 }])).token);
    const b = await placeFor((await buildGuestWithCart(sql, [{ variantId, quantity: 1 }])).token);
    await pay(b.orderId, b.accessToken);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 4, reserved: 2 });
    const cancelA = await admin('POST', `/admin/orders/${a.orderId}/cancel`, { reason: 'customer asked' });
    expect(cancelA.json().status).toBe('cancelled');
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 4, reserved: 0 });
    const cancelB = await admin('POST', `/admin/orders/${b.orderId}/cancel`, { reason: 'out of gift wrap' });
    expect(cancelB.json().timeline.map((e: { type: string }) => e.type)).toContain('order.refund_needed');
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 5, reserved: 0 });
    expect((await admin('POST', `/admin/orders/${b.orderId}/cancel`, { reason: 'again' })).statusCode).toBe(
      409,
    );
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 5, reserved: 0 });
    const unknownField = await admin('POST', `/admin/orders/${a.orderId}/cancel`, {
      reason: 'x',
      status: 'paid',
    });
    expect(unknownField.statusCode).toBe(400);
  });
});

describe('expireUnpaidOrders', () => {
  it('cancels orders past their payment deadline and releases their stock', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [3] });
    const late = await placeFor((await buildGuestWithCart(sql, [{ variantId, quantity: 2 }])).token);
    const onTime = await placeFor((await buildGuestWithCart(sql, [{ variantId, quantity: 1 }])).token);
    await sql`update orders set payment_due_at = now() - interval '1 minute' where id = ${late.orderId}`;
    expect(await expireUnpaidOrders(sql)).toBeGreaterThanOrEqual(1);
    const statuses =
      await sql`select id, status from orders where id in (${late.orderId}, ${onTime.orderId}) order by id`;
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [late.orderId]: 'cancelled',
      [onTime.orderId]: 'pending_payment',
    });
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 3, reserved: 1 });
    const [entry] =
      await sql`select actor, note, to_status from order_events where order_id = ${late.orderId} and type = 'order.expired'`;
    expect(entry).toMatchObject({ actor: 'system', note: '', to_status: 'cancelled' });
    const payLate = await app.inject({
      method: 'POST',
      url: `/store/orders/${late.orderId}/payments`,
      headers: { 'x-order-token': late.accessToken, 'idempotency-key': 'late-payment-1' },
      payload: { method: 'card', card: GOOD_CARD },
    });
    expect(payLate.statusCode).toBe(409);
    expect(payLate.json().code).toBe('order_not_payable');
  });

  it('lets two instances expire at once without cancelling an order twice', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [4] });
    const orders = [];
    for (let i = 0; i < 4; i++)
      orders.push(await placeFor((await buildGuestWithCart(sql, [{ variantId, quantity: 1 }])).token));
    const ids = orders.map((o) => o.orderId);
    await sql`update orders set payment_due_at = now() - interval '1 minute' where id = any(${ids})`;
    await Promise.all([
      expireUnpaidOrders(sql, { limit: 2 }),
      expireUnpaidOrders(sql, { limit: 2 }),
      expireUnpaidOrders(sql),
    ]);
    const [counts] =
      await sql`select count(*)::int as n from order_events where order_id = any(${ids}) and type = 'order.expired'`;
    expect(counts!.n).toBe(4);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 4, reserved: 0 });
  });
});
