/**
 * Keeps `products.sales_count` (the "best-selling" sort) from `order.paid` events, which carry the
 * quantity sold per product. Runs as a job after commit, so paying never waits on catalog rows.
 */
import type { Sql } from '../../app/database.ts';
import { consumeEvents, recordEvent } from '../../app/events.ts';
import type { Job } from '../../app/jobs.ts';

interface PaidProducts {
  products?: { productId: string; quantity: number }[];
}

/** Adds the quantities of every unseen `order.paid` event; returns how many events it handled. */
export function countSalesFromEvents(sql: Sql): Promise<number> {
  return consumeEvents(sql, 'catalog-sales-count', ['order.paid'], async (events, tx) => {
    const sold = new Map<string, number>();
    for (const event of events) {
      for (const line of (event.payload as PaidProducts).products ?? []) {
        if (typeof line.productId === 'string' && Number.isInteger(line.quantity) && line.quantity > 0)
          sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
      }
    }
    // Update in primary-key order so two runs (two instances) never deadlock.
    for (const [productId, quantity] of [...sold].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await tx`update products set sales_count = sales_count + ${quantity} where id = ${productId}`;
      // Search ranks by sales: tell it the product changed.
      await recordEvent(tx, 'product.updated', productId, { productId, cause: 'sales' });
    }
  });
}

/** Register in the app's job list: counts sales every five seconds. */
export const catalogJobs: Job[] = [
  { name: 'catalog.count-sales', everyMs: 5_000, run: (deps) => countSalesFromEvents(deps.sql) },
];
