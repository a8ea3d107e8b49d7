/** Notable facts on an order's timeline that do not change its status (a failed payment, a refund). */
import type { Tx } from '../../app/database.ts';
import { addOrderEvent } from './db/order-repository.ts';

/** Appends a timeline entry such as `payment.failed` or `payment.refunded` to the order. */
export async function addOrderNote(
  tx: Tx,
  orderId: string,
  entry: { type: string; note: string; actor: string },
): Promise<void> {
  await addOrderEvent(tx, orderId, entry);
}
