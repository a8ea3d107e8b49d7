/**
 * Server-side purchases: every placed order of a signed-in customer becomes `purchase` events
 * (one per product) on the customer's shopper key, read from the domain-event outbox after commit.
 * Guest orders carry no customer, so their purchase is recorded by the storefront at placement.
 * Orders placed before the consumer's first run are left to `backfillPurchaseEvents`.
 */
import type { Sql } from '../../../app/database.ts';
import { consumeEvents } from '../../../app/events.ts';
import { recordCustomerEvents } from './record-behaviour-events.ts';

/** The outbox consumer's name (its cursor in `event_consumers`). */
export const PURCHASE_CONSUMER = 'recommendations.behaviour';

/** Turns new `order.placed` events into purchase events; returns how many domain events were read. */
export async function recordPurchaseEvents(sql: Sql): Promise<number> {
  return consumeEvents(sql, PURCHASE_CONSUMER, ['order.placed'], async (events, tx) => {
    for (const event of events) {
      const customerId = event.payload.customerId;
      const productIds = event.payload.productIds;
      if (typeof customerId !== 'string' || !Array.isArray(productIds)) continue;
      await recordCustomerEvents(
        tx,
        customerId,
        productIds
          .filter((id): id is string => typeof id === 'string')
          .map((productId) => ({ kind: 'purchase' as const, productId, occurredAt: event.createdAt })),
      );
    }
  });
}
