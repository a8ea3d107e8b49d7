/**
 * What may be done with an order now, from its state machine (`order-state.ts`): one answer for
 * the use cases, the API and the console, so no page decides on its own what can be cancelled.
 */
import { canTransition, type OrderStatus } from './order-state.ts';

export interface OrderActions {
  canShip: boolean;
  canDeliver: boolean;
  canComplete: boolean;
  /** Until the parcel leaves the warehouse. */
  canCancel: boolean;
}

/** The moves an order in `status` allows. */
export function orderActionsFor(status: OrderStatus): OrderActions {
  return {
    canShip: canTransition(status, 'shipped'),
    canDeliver: canTransition(status, 'delivered'),
    canComplete: canTransition(status, 'completed'),
    canCancel: canTransition(status, 'cancelled'),
  };
}
