/** Notable facts on an order's timeline that do not change its status (a failed payment, a refund). */
import type { Tx } from '../../app/database.ts';
import { insertOrderEvent } from './db/order-repository.ts';
import type { OrderTimelineEntry } from './order-timeline.ts';

/**
 * Appends a timeline entry inside the caller's transaction, as a type plus parameters that pages
 * translate, e.g. `addOrderEvent(tx, orderId, { type: 'payment.failed', params: { paymentId,
 * method: 'card', failureCode: 'card_declined' }, actor: 'provider:sandbox' })`.
 */
export async function addOrderEvent(tx: Tx, orderId: string, entry: OrderTimelineEntry): Promise<void> {
  await insertOrderEvent(tx, orderId, entry);
}
