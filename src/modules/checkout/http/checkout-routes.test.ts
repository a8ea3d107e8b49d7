import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import { buildCustomerWithCart, buildGuestWithCart } from '../../cart/testing.ts';
import { buildStockedVariant, stockOf } from '../../inventory/testing.ts';
import { countRows, orderBody } from '../testing.ts';

const { app, sql } = await createTestApp();

function place(
  token: string,
  body: unknown,
  key: string | null = `key-${Math.random().toString(36).slice(2)}`,
) {
  return app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('GET /store/checkout/quote', () => {
  it('charges ¥10 standard shipping below ¥99 and nothing above, computed on the server', async () => {
    const cheap = await buildStockedVariant(sql, { priceMinor: 4500 });
    const guest = await buildGuestWithCart(sql, [{ variantId: cheap.variantId, quantity: 2 }]);
    const quote = (deliveryOption: string, province?: string) =>
      app.inject({
        url: `/store/checkout/quote?deliveryOption=${deliveryOption}${province ? `&province=${encodeURIComponent(province)}` : ''}`,
        headers: { authorization: `Bearer ${guest.token}` },
      });
    const standard = (await quote('standard')).json();
    expect(standard.subtotal).toEqual({ amountMinor: 9000, currency: 'CNY' });
    expect(standard.shipping.amountMinor).toBe(1000);
    expect(standard.total.amountMinor).toBe(10000);
    expect((await quote('express')).json().total.amountMinor).toBe(11200);
    const outside = await quote('same_day', '北京');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('delivery_option_unavailable');

    const dear = await buildStockedVariant(sql, { priceMinor: 9900 });
    const rich = await buildGuestWithCart(sql, [{ variantId: dear.variantId, quantity: 1 }]);
    const free = await app.inject({
      url: '/store/checkout/quote?deliveryOption=standard',
      headers: { authorization: `Bearer ${rich.token}` },
    });
    expect(free.json().shipping.amountMinor).toBe(0);
  });
});

describe('POST /store/checkout/orders', () => {
  it('places an order awaiting payment with stock reserved, the cart closed and a timeline', async () => {
    const { variantId } = await buildStockedVariant(sql, { priceMinor: 2000, stock: [5] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 3 }]);
    const res = await place(guest.token, orderBody());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'pending_payment', total: { amountMinor: 7000, currency: 'CNY' } });
    expect(body.number).toMatch(/^LT\d{13}$/);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 5, reserved: 3 });
    const [order] =
      await sql`select access_token_hash, status, payment_due_at > now() + interval '29 minutes' as due_later from orders where id = ${body.orderId}`;
    expect(order).toMatchObject({ status: 'pending_payment', due_later: true });
    expect(order!.access_token_hash).not.toBe(body.accessToken);
    const [cart] = await sql`select status from carts where session_token_hash = ${guest.tokenHash}`;
    expect(cart!.status).toBe('ordered');
    const events = await sql`select type from order_events where order_id = ${body.orderId}`;
    expect(events.map((e) => e.type)).toEqual(['order.placed']);
  });

  it('replays the same Idempotency-Key as the same order, and refuses it for another body with 422', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [5] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    const first = await place(guest.token, orderBody(), 'retry-key-0001');
    const again = await place(guest.token, orderBody(), 'retry-key-0001');
    expect(again.statusCode).toBe(201);
    expect(again.json().orderId).toBe(first.json().orderId);
    // the replay hands out a working token of its own
    const read = await app.inject({
      url: `/store/orders/${first.json().orderId}`,
      headers: { 'x-order-token': again.json().accessToken },
    });
    expect(read.statusCode).toBe(200);
    const before = await countRows(sql);
    const other = await place(guest.token, orderBody({ deliveryOption: 'express' }), 'retry-key-0001');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect(await countRows(sql)).toEqual(before);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 5, reserved: 1 });
  });

  it('makes one order from 10 parallel requests with the same key', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [50] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 2 }]);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => place(guest.token, orderBody(), 'parallel-key-01')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.json().orderId)).size).toBe(1);
    const [n] = await sql`select count(*)::int as n from order_lines where variant_id = ${variantId}`;
    expect(n!.n).toBe(1);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 50, reserved: 2 });
  });

  it('uses a saved address only of the signed-in customer', async () => {
    const { variantId } = await buildStockedVariant(sql);
    const alice = await buildCustomerWithCart(sql, [{ variantId, quantity: 1 }]);
    const bob = await buildCustomerWithCart(sql, [{ variantId, quantity: 1 }]);
    await sql`insert into addresses (id, customer_id, recipient, phone, province, city, line1)
              values ('adr_bob', ${bob.customerId}, 'Bob', '13900000000', '北京', '北京市', '长安街 1 号')`;
    const { address: _a, ...noAddress } = orderBody();
    const before = await countRows(sql);
    const stolen = await place(alice.token, { ...noAddress, savedAddressId: 'adr_bob' });
    expect(stolen.statusCode).toBe(404);
    expect(await countRows(sql)).toEqual(before);
    const own = await place(bob.token, { ...noAddress, savedAddressId: 'adr_bob' });
    expect(own.statusCode).toBe(201);
    const [order] =
      await sql`select shipping_address, customer_id from orders where id = ${own.json().orderId}`;
    expect(order).toMatchObject({
      customer_id: bob.customerId,
      shipping_address: { recipient: 'Bob', province: '北京' },
    });
  });

  it('refuses bad input with 4xx problem+json and changes nothing', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [5] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    const empty = await buildGuestWithCart(sql, []);
    const before = await countRows(sql);
    const cases: [string, Awaited<ReturnType<typeof place>>, number, string][] = [
      ['malformed JSON', await place(guest.token, '{"email": '), 400, 'malformed_json'],
      ['wrong type', await place(guest.token, orderBody({ phone: 13800138000 })), 400, 'validation_failed'],
      ['unknown field', await place(guest.token, orderBody({ totalMinor: 1 })), 400, 'validation_failed'],
      ['missing key', await place(guest.token, orderBody(), null), 400, 'validation_failed'],
      [
        'bad option',
        await place(guest.token, orderBody({ deliveryOption: 'teleport' })),
        400,
        'validation_failed',
      ],
      [
        'same-day outside Shanghai',
        await place(
          guest.token,
          orderBody({ deliveryOption: 'same_day', address: { ...orderBody().address, province: '广东' } }),
        ),
        400,
        'delivery_option_unavailable',
      ],
      ['empty cart', await place(empty.token, orderBody()), 409, 'cart_empty'],
      [
        'no session',
        await app.inject({
          method: 'POST',
          url: '/store/checkout/orders',
          headers: { 'idempotency-key': 'no-session-1' },
          payload: orderBody(),
        }),
        409,
        'cart_empty',
      ],
    ];
    for (const [name, res, status, code] of cases) {
      expect({ name, status: res.statusCode, code: res.json().code }).toEqual({ name, status, code });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await countRows(sql)).toEqual(before);
  });

  it('refuses a cart holding more than is in stock with 409 insufficient_stock', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [2] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 3 }]);
    const before = await countRows(sql);
    const res = await place(guest.token, orderBody());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'insufficient_stock', variantId, available: 2 });
    expect(await countRows(sql)).toEqual(before);
  });

  it('refuses an unpublished product in the cart', async () => {
    const { variantId, productId } = await buildStockedVariant(sql, { stock: [2] });
    const guest = await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]);
    await sql`update products set status = 'archived' where id = ${productId}`;
    const res = await place(guest.token, orderBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cart_not_purchasable');
  });
});
