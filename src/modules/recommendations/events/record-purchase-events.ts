/**
 * Server-side purchases: every placed order of a signed-in customer becomes `purchase` events
 * (one per product) on the customer's shopper key, read from the domain-event outbox after commit.
 * Guest orders carry no customer, so their purchase is recorded by the storefront at placement.
 * Orders placed before the consumer's first run are left to `backfillPurchaseEvents`.
 */
import type { Sql } from '../../../app/database.ts';
import { consumeEvents, defineEventConsumer } from '../../../app/event-consumers.ts';
import { recordCustomerEvents } from './record-behaviour-events.ts';

/** The outbox consumer's name (its row in `event_consumers`). */
export const PURCHASE_CONSUMER = 'recommendations.behaviour';

/** Turns `order.placed` events of customers into purchase events, every 5 s. */
export const purchaseEventConsumer = defineEventConsumer({
  name: PURCHASE_CONSUMER,
  types: ['order.placed'],
  async handle(events, tx) {
    for (const event of events) {
      const { customerId, productIds } = event.payload;
      if (!customerId) continue;
      await recordCustomerEvents(
        tx,
        customerId,
        productIds.map((productId) => ({
          kind: 'purchase' as const,
          productId,
          occurredAt: event.createdAt,
        })),
      );
    }
  },
});

/** One run of the purchase consumer; returns how many domain events it handled. */
export async function recordPurchaseEvents(sql: Sql): Promise<number> {
  return (await consumeEvents(sql, purchaseEventConsumer)).handled;
}
