/**
 * Cancelling an order before it ships. Unpaid: its reservations are released. Paid: the sold
 * stock goes back on the shelf and the timeline says a refund is needed (staff refund through
 * payments, which never exceeds what was captured).
 */
import { type Db, type Tx, withTransaction } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import { releaseReservations, restockCommittedReservations } from '../inventory/index.ts';
import { transitionOrder } from './change-order-status.ts';
import { insertOrderEvent, orderProductIds } from './db/order-repository.ts';
import type { OrderActor } from './order.ts';
import { checkCancelReason } from './order-rules.ts';

export interface CancelOrderInput {
  orderId: string;
  /** The staff member's words; kept as the timeline entry's note. */
  reason: string;
  actor: OrderActor;
}

/**
 * Cancels the order in its own transaction (or the caller's); 400 without a reason (1 to 500
 * characters once trimmed), 409 when it already shipped.
 */
export async function cancelOrder(db: Db, input: CancelOrderInput): Promise<{ refundNeeded: boolean }> {
  const reason = checkCancelReason(input.reason);
  return withTransaction(db, (tx) => cancelLockedOrder(tx, { ...input, reason }));
}

async function cancelLockedOrder(
  tx: Tx,
  input: CancelOrderInput & { expired?: boolean },
): Promise<{ refundNeeded: boolean }> {
  const { from } = await transitionOrder(
    tx,
    input.orderId,
    'cancelled',
    input.expired
      ? { type: 'order.expired', actor: input.actor }
      : { type: 'order.cancelled', actor: input.actor, note: input.reason },
  );
  const refundNeeded = from === 'paid';
  if (refundNeeded) {
    await restockCommittedReservations(tx, input.orderId, input.actor);
    await insertOrderEvent(tx, input.orderId, { type: 'order.refund_needed', actor: input.actor });
  } else {
    await releaseReservations(tx, input.orderId);
  }
  await recordEvent(tx, 'order.cancelled', input.orderId, {
    reason: input.reason,
    refundNeeded,
    productIds: await orderProductIds(tx, input.orderId),
  });
  return { refundNeeded };
}

/**
 * Cancels up to `limit` orders whose payment deadline passed, releasing their stock. SKIP LOCKED:
 * several instances share the work, and an order being paid right now is left to its payment.
 */
export async function expireUnpaidOrders(db: Db, options: { limit?: number } = {}): Promise<number> {
  return withTransaction(db, async (tx) => {
    const due = await tx<{ id: string }[]>`
      select id from orders
       where status = 'pending_payment' and payment_due_at < now()
       order by id limit ${options.limit ?? 100}
         for update skip locked`;
    for (const { id } of due) {
      // The outbox event keeps its English reason for consumers; the timeline says `order.expired`.
      await cancelLockedOrder(tx, {
        orderId: id,
        reason: 'Payment not received in time.',
        actor: 'system',
        expired: true,
      });
    }
    return due.length;
  });
}
