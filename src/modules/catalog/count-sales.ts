/**
 * Keeps `products.sales_count` (the "best-selling" sort) from `order.paid` events, which carry the
 * quantity sold per product. An outbox consumer, so paying never waits on catalog rows.
 */
import type { Sql } from '../../app/database.ts';
import { consumeEvents, defineEventConsumer } from '../../app/event-consumers.ts';
import { recordEvent } from '../../app/events.ts';

/** Adds the quantities of each `order.paid` event to the products' sales counts, every 5 s. */
export const salesCountConsumer = defineEventConsumer({
  name: 'catalog-sales-count',
  types: ['order.paid'],
  async handle(events, tx) {
    const sold = new Map<string, number>();
    for (const event of events) {
      for (const line of event.payload.products) {
        if (Number.isInteger(line.quantity) && line.quantity > 0)
          sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
      }
    }
    // Update in primary-key order so two runs (two instances) never deadlock.
    for (const [productId, quantity] of [...sold].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await tx`update products set sales_count = sales_count + ${quantity} where id = ${productId}`;
      // Search ranks by sales: tell it the product changed.
      await recordEvent(tx, 'product.updated', productId, { productId, cause: 'sales' });
    }
  },
});

/** One run of the sales count; returns how many events it handled. */
export async function countSalesFromEvents(sql: Sql): Promise<number> {
  return (await consumeEvents(sql, salesCountConsumer)).handled;
}
