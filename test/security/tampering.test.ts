/**
 * Issue 2, "prices or quantities tampered in the cart": the server recomputes every price and total,
 * quantities stay within stock and the per-line bound, no currency is accepted unconverted, a
 * changed cart never underpays an order, and totals are never below zero.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  ADDRESS,
  bearer,
  DEMO,
  expectRefusedUnchanged,
  GOOD_CARD,
  guestSession,
  idempotencyKey,
  loginStaff,
  placeOrder,
  sellableVariant,
} from './security-support.ts';

const { app, sql } = await createTestApp();
const merchant = await loginStaff(app, DEMO.merchant);

function addToCart(token: string, variantId: string, quantity: number) {
  return app.inject({
    method: 'POST',
    url: '/store/cart/items',
    headers: bearer(token),
    payload: { variantId, quantity },
  });
}

function checkout(token: string, extra: Record<string, unknown> = {}) {
  return app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: { ...bearer(token), 'idempotency-key': idempotencyKey('tamper') },
    payload: {
      email: 'buyer@example.com',
      phone: '13800138000',
      address: ADDRESS,
      deliveryOption: 'standard',
      ...extra,
    },
  });
}

describe('prices come from the server only', () => {
  it('a client-sent price, total or currency is refused on cart, checkout and payment', async () => {
    const item = await sellableVariant(sql, 5);
    const guest = await guestSession(app);
    expect((await addToCart(guest.token, item.variantId, 1)).statusCode).toBe(200);
    for (const tampered of [
      { variantId: item.variantId, quantity: 1, unitPriceMinor: 1 },
      { variantId: item.variantId, quantity: 1, price: { amountMinor: 1, currency: 'CNY' } },
      { variantId: item.variantId, quantity: 1, currency: 'USD' },
    ]) {
      await expectRefusedUnchanged(
        sql,
        () =>
          app.inject({
            method: 'POST',
            url: '/store/cart/items',
            headers: bearer(guest.token),
            payload: tampered,
          }),
        400,
        'validation_failed',
      );
    }
    for (const extra of [
      { totalMinor: 1 },
      { currency: 'USD' },
      { discountMinor: 1_000_000 },
      { shippingMinor: 0 },
    ])
      await expectRefusedUnchanged(sql, () => checkout(guest.token, extra), 400, 'validation_failed');
  });

  it('the cart and the order are priced from the catalog now, even after the merchant changes the price', async () => {
    const item = await sellableVariant(sql, 5);
    const guest = await guestSession(app);
    const cart = (await addToCart(guest.token, item.variantId, 2)).json();
    expect(cart.subtotal).toEqual({ amountMinor: 2 * item.priceMinor, currency: 'CNY' });
    // the merchant raises the price after the shopper put it in the cart
    const [variant] = await sql`select sku, option_values from variants where id = ${item.variantId}`;
    const raised = item.priceMinor + 1_000;
    const patch = await app.inject({
      method: 'PATCH',
      url: `/admin/products/${item.productId}`,
      headers: bearer(merchant.token),
      payload: {
        variants: [
          { id: item.variantId, sku: variant!.sku, optionValues: variant!.option_values, priceMinor: raised },
        ],
      },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const repriced = (
      await app.inject({ method: 'GET', url: '/store/cart', headers: bearer(guest.token) })
    ).json();
    expect(repriced.lines[0].unitPrice.amountMinor).toBe(raised);
    const placed = await checkout(guest.token);
    expect(placed.statusCode, placed.body).toBe(201);
    const [order] = await sql`select subtotal_minor, shipping_minor, discount_minor, total_minor from orders
                               where id = ${placed.json().orderId}`;
    expect(order!.subtotal_minor).toBe(2 * raised);
    expect(order!.total_minor).toBe(order!.subtotal_minor + order!.shipping_minor - order!.discount_minor);
    const [line] =
      await sql`select unit_price_minor, line_total_minor from order_lines where order_id = ${placed.json().orderId}`;
    expect(line).toEqual({ unit_price_minor: raised, line_total_minor: 2 * raised });
  });

  it('a payment charges the order total, whatever happens to the cart after placing it', async () => {
    const item = await sellableVariant(sql, 5);
    const guest = await guestSession(app);
    const order = await placeOrder(app, guest, item.variantId, 1);
    // the shopper fills the cart again after placing the order: the order must not change
    expect((await addToCart(guest.token, item.variantId, 3)).statusCode).toBe(200);
    const paid = await app.inject({
      method: 'POST',
      url: `/store/orders/${order.orderId}/payments`,
      headers: { 'x-order-token': order.accessToken, 'idempotency-key': idempotencyKey() },
      payload: { method: 'card', card: GOOD_CARD },
    });
    expect(paid.json().status).toBe('captured');
    const [payment] =
      await sql`select amount_minor, currency from payments where order_id = ${order.orderId}`;
    expect(payment).toEqual({ amount_minor: order.total.amountMinor, currency: 'CNY' });
    const [lines] =
      await sql`select sum(quantity)::int as n from order_lines where order_id = ${order.orderId}`;
    expect(lines!.n).toBe(1);
  });
});

describe('payment callbacks', () => {
  it('an unsigned or wrongly signed callback cannot mark an order paid', async () => {
    const item = await sellableVariant(sql, 2);
    const guest = await guestSession(app);
    const order = await placeOrder(app, guest, item.variantId, 1);
    const pending = await app.inject({
      method: 'POST',
      url: `/store/orders/${order.orderId}/payments`,
      headers: { 'x-order-token': order.accessToken, 'idempotency-key': idempotencyKey() },
      payload: { method: 'alipay' },
    });
    const paymentId = pending.json().paymentId as string;
    const forged = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.captured',
      paymentId,
      orderId: order.orderId,
    });
    const t = Math.floor(Date.now() / 1000);
    for (const signature of [
      undefined,
      `t=${t},v1=${'0'.repeat(64)}`,
      `t=${t - 3600},v1=${'a'.repeat(64)}`,
      'garbage',
    ]) {
      await expectRefusedUnchanged(
        sql,
        () =>
          app.inject({
            method: 'POST',
            url: '/store/payments/callbacks/sandbox',
            headers: {
              'content-type': 'application/json',
              ...(signature ? { 'x-sandbox-signature': signature } : {}),
            },
            payload: forged,
          }),
        401,
        'invalid_signature',
      );
    }
    const [row] = await sql`select status from orders where id = ${order.orderId}`;
    expect(row!.status).toBe('pending_payment');
  });
});

describe('quantities stay within stock and bounds', () => {
  it('adding more than is in stock is a 409 naming what is available, and changes nothing', async () => {
    const item = await sellableVariant(sql, 2);
    const guest = await guestSession(app);
    // three left in all warehouses together
    await sql`update stock_levels set on_hand = reserved where variant_id = ${item.variantId}`;
    await sql`update stock_levels set on_hand = reserved + 3
               where (variant_id, warehouse_id) in (select variant_id, warehouse_id from stock_levels
                                                     where variant_id = ${item.variantId} limit 1)`;
    const problem = await expectRefusedUnchanged(
      sql,
      () => addToCart(guest.token, item.variantId, 4),
      409,
      'insufficient_stock',
    );
    expect(problem.available).toBe(3);
    expect(problem.detail).toMatch(/3/);
  });

  it('adding the same variant twice cannot beat the per-line bound of 99', async () => {
    const item = await sellableVariant(sql, 2);
    const guest = await guestSession(app);
    await sql`update stock_levels set on_hand = reserved + 500 where variant_id = ${item.variantId}`;
    expect((await addToCart(guest.token, item.variantId, 60)).statusCode).toBe(200);
    await expectRefusedUnchanged(
      sql,
      () => addToCart(guest.token, item.variantId, 60),
      409,
      'line_quantity_limit',
    );
    const cart = (
      await app.inject({ method: 'GET', url: '/store/cart', headers: bearer(guest.token) })
    ).json();
    expect(cart.lines[0].quantity).toBe(60);
  });

  it('stock that fell after the item was carted makes checkout a 409 that creates no order and reserves nothing', async () => {
    const item = await sellableVariant(sql, 3);
    const guest = await guestSession(app);
    expect((await addToCart(guest.token, item.variantId, 3)).statusCode).toBe(200);
    await sql`update stock_levels set on_hand = reserved where variant_id = ${item.variantId}`;
    await expectRefusedUnchanged(sql, () => checkout(guest.token), 409, 'insufficient_stock');
  });
});

describe('currency', () => {
  it('a variant priced in another currency cannot be added to a CNY cart (no unconverted currency)', async () => {
    const item = await sellableVariant(sql, 2);
    await sql`update variants set currency = 'USD' where id = ${item.variantId}`;
    const guest = await guestSession(app);
    await expectRefusedUnchanged(
      sql,
      () => addToCart(guest.token, item.variantId, 1),
      409,
      'variant_unavailable',
    );
  });

  it('a currency in the quote query is ignored: totals stay in the shop currency', async () => {
    const item = await sellableVariant(sql, 2);
    const guest = await guestSession(app);
    await addToCart(guest.token, item.variantId, 1);
    const quote = await app.inject({
      method: 'GET',
      url: '/store/checkout/quote?deliveryOption=standard&currency=USD',
      headers: bearer(guest.token),
    });
    expect(quote.statusCode).toBe(200);
    expect(quote.json().total.currency).toBe('CNY');
    expect(quote.json().subtotal.amountMinor).toBe(item.priceMinor);
  });
});

describe('totals are never below zero', () => {
  it('every stored order total equals subtotal + shipping − discount, and the database refuses a negative one', async () => {
    const rows = await sql<{ ok: boolean }[]>`
      select o.total_minor = o.subtotal_minor + o.shipping_minor - o.discount_minor
             and o.total_minor >= 0
             and o.subtotal_minor = (select coalesce(sum(line_total_minor), 0) from order_lines l where l.order_id = o.id)
             as ok
        from orders o`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ok)).toBe(true);
    const [any] = await sql<{ id: string }[]>`select id from orders limit 1`;
    await expect(
      sql`update orders set discount_minor = total_minor + 1, total_minor = -1 where id = ${any!.id}`,
    ).rejects.toThrow(/check constraint/);
    await expect(sql`update order_lines set quantity = -1 where order_id = ${any!.id}`).rejects.toThrow(
      /check constraint/,
    );
    await expect(sql`update cart_lines set quantity = 100`).rejects.toThrow(/check constraint/);
  });

  it('a refund can never exceed what was captured', async () => {
    const item = await sellableVariant(sql, 2);
    const guest = await guestSession(app);
    const order = await placeOrder(app, guest, item.variantId, 1);
    const paid = await app.inject({
      method: 'POST',
      url: `/store/orders/${order.orderId}/payments`,
      headers: { 'x-order-token': order.accessToken, 'idempotency-key': idempotencyKey() },
      payload: { method: 'card', card: GOOD_CARD },
    });
    const refund = (amountMinor: number) =>
      app.inject({
        method: 'POST',
        url: `/admin/payments/${paid.json().paymentId}/refunds`,
        headers: { ...bearer(merchant.token), 'idempotency-key': idempotencyKey('refund') },
        payload: { amountMinor, reason: 'test' },
      });
    await expectRefusedUnchanged(
      sql,
      () => refund(order.total.amountMinor + 1),
      422,
      'refund_exceeds_captured',
    );
    expect((await refund(order.total.amountMinor)).statusCode).toBe(201);
    await expectRefusedUnchanged(sql, () => refund(1), 409, 'payment_not_refundable');
  });
});

describe('a quantity or price edit through the admin is validated too', () => {
  it('a merchant cannot set stock negative or below what is reserved', async () => {
    const item = await sellableVariant(sql, 2);
    const [level] =
      await sql`select warehouse_id, on_hand from stock_levels where variant_id = ${item.variantId} limit 1`;
    const res = await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/admin/inventory/adjustments',
          headers: bearer(merchant.token),
          payload: {
            variantId: item.variantId,
            warehouseId: level!.warehouse_id,
            delta: -(level!.on_hand + 1),
            reason: 'damage',
          },
        }),
      409,
      'insufficient_stock',
    );
    expect(res.detail).toMatch(/stock|reserved/i);
  });
});
