/**
 * Moving an order along its state machine: paid (by payments), shipped, delivered, completed.
 * Each move locks the order, checks `order-state.ts`, writes the timeline and records an event.
 */
import { type Db, type Tx, withTransaction } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { commitReservations } from '../inventory/index.ts';
import {
  insertOrderEvent,
  lockOrder,
  orderProductIds,
  orderProductQuantities,
} from './db/order-repository.ts';
import type { OrderActor } from './order.ts';
import { checkTrackingNumber } from './order-rules.ts';
import { assertTransition, type OrderStatus } from './order-state.ts';
import type { OrderTimelineEntry } from './order-timeline.ts';

/** Locks the order, checks the move, and writes the new status and its timeline entry. */
export async function transitionOrder(
  tx: Tx,
  orderId: string,
  to: OrderStatus,
  entry: OrderTimelineEntry,
): Promise<{ from: OrderStatus }> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw notFound('order');
  assertTransition(order.status, to);
  await tx`update orders set status = ${to}, updated_at = now() where id = ${orderId}`;
  await insertOrderEvent(tx, orderId, { ...entry, from: order.status, to });
  return { from: order.status };
}

/**
 * Marks a pending order paid inside the payment's transaction: the reserved stock is sold
 * (committed) and 'order.paid' carries the quantity per product, from which the catalog keeps
 * its `sales_count`.
 */
export async function markOrderPaid(
  tx: Tx,
  orderId: string,
  input: { actor: OrderActor; paymentId: string },
) {
  await transitionOrder(tx, orderId, 'paid', {
    type: 'order.paid',
    params: { paymentId: input.paymentId },
    actor: input.actor,
  });
  await commitReservations(tx, orderId);
  const products = await orderProductQuantities(tx, orderId);
  await recordEvent(tx, 'order.paid', orderId, { productIds: products.map((p) => p.productId), products });
}

/** Records the parcel leaving: paid → shipped with a tracking number. */
export async function markOrderShipped(
  db: Db,
  input: { orderId: string; trackingNumber: string; actor: OrderActor },
): Promise<void> {
  await withTransaction(db, async (tx) => {
    // Checked after the order is found and locked, so an unknown order is a 404 whatever was typed;
    // a bad number throws and rolls the move back.
    let trackingNumber = input.trackingNumber.trim();
    await transitionOrder(tx, input.orderId, 'shipped', {
      type: 'order.shipped',
      params: { trackingNumber },
      actor: input.actor,
    });
    trackingNumber = checkTrackingNumber(trackingNumber);
    await tx`update orders set tracking_number = ${trackingNumber} where id = ${input.orderId}`;
    await recordEvent(tx, 'order.shipped', input.orderId, {
      trackingNumber,
      productIds: await orderProductIds(tx, input.orderId),
    });
  });
}

/** shipped → delivered. */
export async function markOrderDelivered(
  db: Db,
  input: { orderId: string; actor: OrderActor },
): Promise<void> {
  await withTransaction(db, async (tx) => {
    await transitionOrder(tx, input.orderId, 'delivered', { type: 'order.delivered', actor: input.actor });
    await recordEvent(tx, 'order.delivered', input.orderId, {});
  });
}

/** delivered → completed (after the return window, or when the shopper confirms receipt). */
export async function completeOrder(db: Db, input: { orderId: string; actor: OrderActor }): Promise<void> {
  await withTransaction(db, async (tx) => {
    await transitionOrder(tx, input.orderId, 'completed', { type: 'order.completed', actor: input.actor });
    await recordEvent(tx, 'order.completed', input.orderId, {});
  });
}
