/**
 * Purchases from before the order-event consumer existed: `recordPurchaseEvents` sees only orders
 * placed after its first run, so this turns the earlier orders (not cancelled, within the event
 * retention period) of customers whose shopper key allows personalisation into purchase events,
 * once. It holds the consumer's row lock (a consumer run waits meanwhile) and leaves the orders the
 * consumer will still handle, or is retrying, to it, so no purchase is ever recorded twice. The
 * earlier orders come from the orders module (`listCustomerPurchases`).
 */
import type { Sql } from '../../../app/database.ts';
import { aggregatesLeftToConsumer, lockEventConsumer } from '../../../app/event-consumers.ts';
import { listCustomerPurchases } from '../../orders/index.ts';
import { eventRetentionDays } from './aggregate-old-events.ts';
import { PURCHASE_CONSUMER } from './record-purchase-events.ts';

const BACKFILL = 'purchases-before-consumer';

/** Backfills once; returns how many purchase events were added, or null when it had already run. */
export async function backfillPurchaseEvents(
  sql: Sql,
  retentionDays = eventRetentionDays(),
): Promise<number | null> {
  // The cheap check every later call makes: one primary-key lookup, no transaction.
  const [done] = await sql`select 1 from behaviour_backfills where name = ${BACKFILL}`;
  if (done) return null;
  return sql.begin(async (tx) => {
    // A second instance waits here for the first to commit, then finds the row and stops.
    const [claimed] = await tx`insert into behaviour_backfills (name, events) values (${BACKFILL}, 0)
                                on conflict (name) do nothing returning name`;
    if (!claimed) return null;
    // Start the consumer's position as its first run would, then hold its row until we commit.
    await lockEventConsumer(tx, PURCHASE_CONSUMER);
    const keys = await tx<{ customer_id: string }[]>`
      select customer_id from shopper_keys where customer_id is not null and personalisation`;
    const purchases = await listCustomerPurchases(tx, {
      customerIds: keys.map((k) => k.customer_id),
      withinDays: retentionDays,
    });
    const inserted = await tx`
      insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics,
                                    occurred_at)
      select k.key, 'purchase', p.product_id, true, k.analytics, p.placed_at
        from unnest(${purchases.map((p) => p.orderId)}::text[], ${purchases.map((p) => p.customerId)}::text[],
                    ${purchases.map((p) => p.productId)}::text[],
                    ${purchases.map((p) => p.placedAt.toISOString())}::timestamptz[])
               p(order_id, customer_id, product_id, placed_at)
        join shopper_keys k on k.customer_id = p.customer_id and k.personalisation
       -- orders whose event the consumer has not handled yet (or is retrying) are its to record
       where p.order_id not in (${aggregatesLeftToConsumer(tx, PURCHASE_CONSUMER, 'order.placed')})
         -- orders the consumer already recorded: at the order's transaction time, in milliseconds
         and not exists (select 1 from behaviour_events e
                          where e.shopper_key = k.key and e.kind = 'purchase' and e.product_id = p.product_id
                            and e.occurred_at = p.placed_at)
       order by p.placed_at, p.product_id`;
    await tx`update behaviour_backfills set events = ${inserted.count} where name = ${BACKFILL}`;
    return inserted.count;
  }) as Promise<number | null>;
}
