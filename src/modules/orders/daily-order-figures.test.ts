import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { buildOrderAwaitingPayment } from '../payments/testing.ts';
import { getDailyOrderFigures } from './daily-order-figures.ts';

describe("today's order figures", () => {
  it("count today's orders in the shop's time zone; revenue only from orders that were paid", async () => {
    const { sql } = await createTestDatabase();
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await buildOrderAwaitingPayment(sql));
    const [unpaid, paid, shipped, cancelled, yesterday] = orders.map((o) => o!);
    await sql`update orders set status = 'paid' where id = ${paid!.orderId}`;
    await sql`update orders set status = 'shipped' where id = ${shipped!.orderId}`;
    await sql`update orders set status = 'cancelled' where id = ${cancelled!.orderId}`;
    // 23:59 of the day before, in China.
    const now = new Date('2026-12-04T10:00:00+08:00');
    await sql`update orders set status = 'paid', created_at = ${new Date('2026-12-03T23:59:00+08:00')}
      where id = ${yesterday!.orderId}`;
    await sql`update orders set created_at = ${new Date('2026-12-04T00:00:00+08:00')}
      where id in ${sql([unpaid!.orderId, paid!.orderId, shipped!.orderId, cancelled!.orderId])}`;

    expect(await getDailyOrderFigures(sql, now)).toEqual({
      orders: 4,
      revenueMinor: paid!.totalMinor + shipped!.totalMinor,
      awaitingShipment: 1,
    });
  });
});
