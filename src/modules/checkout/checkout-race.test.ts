/**
 * THE RACE: 200 guests, each with their own session and a cart holding the last units of one
 * variant, check out and pay at the same moment over real HTTP. Exactly the stock on hand may be
 * sold; everyone else gets a clean 409 insufficient_stock.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { buildGuestWithCart } from '../cart/testing.ts';
import { buildStockedVariant, stockOf } from '../inventory/testing.ts';
import { GOOD_CARD } from '../payments/testing.ts';
import { orderBody } from './testing.ts';

const { app, sql } = await createTestApp();
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
afterAll(() => app.close());

async function checkoutAndPay(guest: { token: string }, i: number) {
  const placed = await fetch(`${base}/store/checkout/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${guest.token}`,
      'content-type': 'application/json',
      'idempotency-key': `race-place-${i}`,
    },
    body: JSON.stringify(orderBody({ email: `guest${i}@example.com` })),
  });
  const placedBody = await placed.json();
  if (placed.status !== 201) {
    return { placeStatus: placed.status, contentType: placed.headers.get('content-type'), body: placedBody };
  }
  const paid = await fetch(`${base}/store/orders/${placedBody.orderId}/payments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${guest.token}`,
      'content-type': 'application/json',
      'idempotency-key': `race-pay-${i}`,
      'x-order-token': placedBody.accessToken,
    },
    body: JSON.stringify({ method: 'card', card: GOOD_CARD }),
  });
  return { placeStatus: 201, payStatus: paid.status, body: await paid.json() };
}

describe('checkout race', () => {
  it('200 concurrent guest checkouts for 10 units: exactly 10 paid orders, stock 0, the rest 409', async () => {
    const { variantId, warehouseIds } = await buildStockedVariant(sql, { stock: [6, 4], priorities: [5, 1] });
    const guests = [];
    for (let i = 0; i < 200; i++) guests.push(await buildGuestWithCart(sql, [{ variantId, quantity: 1 }]));

    const results = await Promise.all(guests.map((g, i) => checkoutAndPay(g, i)));

    const placed = results.filter((r) => r.placeStatus === 201);
    const refused = results.filter((r) => r.placeStatus !== 201);
    expect(placed).toHaveLength(10);
    expect(placed.every((r) => r.payStatus === 200 && r.body.status === 'captured')).toBe(true);
    expect(refused).toHaveLength(190);
    for (const r of refused) {
      // the whole answer in one assertion, so a failure shows what came back instead
      expect(r).toMatchObject({
        placeStatus: 409,
        contentType: expect.stringContaining('application/problem+json'),
        body: { type: '/problems/insufficient_stock', variantId, available: 0 },
      });
    }

    const [orders] = await sql<{ paid: number; other: number }[]>`
      select count(*) filter (where status = 'paid')::int as paid, count(*) filter (where status <> 'paid')::int as other
        from orders o where exists (select 1 from order_lines l where l.order_id = o.id and l.variant_id = ${variantId})`;
    expect(orders).toEqual({ paid: 10, other: 0 });
    const [captured] = await sql<
      { n: number }[]
    >`select count(*)::int as n from payments where status = 'captured'`;
    expect(captured!.n).toBe(10);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 0, reserved: 0 });
    const levels = await sql<{ on_hand: number; reserved: number }[]>`
      select on_hand, reserved from stock_levels where warehouse_id = any(${warehouseIds})`;
    expect(levels.every((l) => l.on_hand >= 0 && l.reserved >= 0)).toBe(true);
    const [sold] = await sql<{ delta: number }[]>`
      select sum(delta)::int as delta from stock_movements where variant_id = ${variantId} and reason = 'sale'`;
    expect(sold!.delta).toBe(-10);
  });
});
