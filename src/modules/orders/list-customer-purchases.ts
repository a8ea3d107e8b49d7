/** What customers bought, product by product, for modules that learn from purchases (recommendations). */
import type { Db } from '../../app/database.ts';

export interface CustomerPurchase {
  orderId: string;
  customerId: string;
  productId: string;
  /** When the order was placed, to the millisecond (truncated in SQL: all a Date holds). */
  placedAt: Date;
}

/**
 * One row per order and product of these customers' orders placed in the last `withinDays` days
 * that were not cancelled, oldest first. One query.
 */
export async function listCustomerPurchases(
  db: Db,
  filter: { customerIds: readonly string[]; withinDays: number },
): Promise<CustomerPurchase[]> {
  if (filter.customerIds.length === 0) return [];
  const rows = await db<{ order_id: string; customer_id: string; product_id: string; placed_at: Date }[]>`
    select distinct o.id as order_id, o.customer_id, l.product_id, date_trunc('milliseconds', o.created_at) as placed_at
      from orders o join order_lines l on l.order_id = o.id
     where o.customer_id = any(${filter.customerIds as string[]}::text[])
       and o.status <> 'cancelled'
       and o.created_at >= now() - make_interval(days => ${filter.withinDays})
     order by placed_at, l.product_id, o.id`;
  return rows.map((r) => ({
    orderId: r.order_id,
    customerId: r.customer_id,
    productId: r.product_id,
    placedAt: r.placed_at,
  }));
}
