/**
 * The order state machine: every status an order can be in and the only moves allowed between
 * them. Use cases check a move here before writing it, and write it with a conditional update on
 * the old status, so a concurrent change loses cleanly with a 409.
 */
import { conflict } from '../../app/errors.ts';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Allowed transitions: cancelling is possible until the parcel leaves the warehouse. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

/** True when an order in `from` may move to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws 409 `illegal_order_transition` unless `from → to` is allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw conflict('illegal_order_transition', `An order that is ${from} cannot become ${to}.`, { from, to });
  }
}
