import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { recordEvent } from '../../app/events.ts';
import { countSalesFromEvents } from './index.ts';

describe('countSalesFromEvents', () => {
  it('adds each paid order to sales_count once', async () => {
    const { sql } = await createTestDatabase();
    const [a, b] = await sql<{ id: string; sales_count: number }[]>`
      select id, sales_count from products order by id limit 2`;
    await countSalesFromEvents(sql); // starts the cursor
    await recordEvent(sql, 'order.paid', 'ord_1', {
      productIds: [a!.id, b!.id],
      products: [
        { productId: a!.id, quantity: 2 },
        { productId: b!.id, quantity: 1 },
      ],
    });
    await recordEvent(sql, 'order.paid', 'ord_2', {
      productIds: [a!.id],
      products: [{ productId: a!.id, quantity: 3 }],
    });
    // Consumers wait until older transactions anywhere in the cluster settle (other test files run
    // beside this one), so count until both events have been handled.
    let handled = 0;
    await expect
      .poll(async () => (handled += await countSalesFromEvents(sql)), { timeout: 10_000, interval: 100 })
      .toBe(2);
    expect(await countSalesFromEvents(sql)).toBe(0);
    const rows = await sql<{ id: string; sales_count: number }[]>`
      select id, sales_count from products where id in (${a!.id}, ${b!.id}) order by id`;
    expect(rows.map((r) => r.sales_count)).toEqual([a!.sales_count + 5, b!.sales_count + 1]);
    const [updated] = await sql<{ n: number }[]>`
      select count(*)::int as n from domain_events where type = 'product.updated' and aggregate_id = ${a!.id}`;
    expect(updated!.n).toBe(1);
  });
});
