/** The orders module's public surface. */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { orderRoutes } from './http/order-routes.ts';
import { orderJobs } from './order-jobs.ts';
import { ordersPersonalData } from './personal-data.ts';

export { addOrderEvent } from './add-order-event.ts';
export { type CancelOrderInput, cancelOrder, expireUnpaidOrders } from './cancel-order.ts';
export {
  completeOrder,
  markOrderDelivered,
  markOrderPaid,
  markOrderShipped,
} from './change-order-status.ts';
export {
  type CreateOrderInput,
  type CreateOrderResult,
  createOrder,
  issueOrderAccessToken,
} from './create-order.ts';
export { type DailyOrderFigures, getDailyOrderFigures } from './daily-order-figures.ts';
export { type LockedOrder, lockOrder } from './db/order-repository.ts';
export {
  getOrderByAccessToken,
  getOrderForAdmin,
  getOrderForCustomer,
  getOrderForShopper,
  lockOrderForShopper,
  type OrderAccess,
} from './get-order.ts';
export { orderTokenOf } from './http/order-routes.ts';
export { type CustomerPurchase, listCustomerPurchases } from './list-customer-purchases.ts';
export { type ListOrdersFilter, listCustomerOrders, listOrders, type OrderPage } from './list-orders.ts';
export type { Order, OrderEvent, OrderLine, OrderSummary, ShippingAddress } from './order.ts';
export type { OrderCancelled, OrderPaid, OrderPlaced, OrderShipped } from './order-events.ts';
export {
  CANCEL_REASON,
  type OrderActions,
  orderActionsFor,
  TRACKING_NUMBER,
  trackingNumberIssues,
} from './order-rules.ts';
export { canTransition, ORDER_STATUSES, type OrderStatus } from './order-state.ts';
export {
  ORDER_TIMELINE_TYPES,
  type OrderTimelineEntry,
  type OrderTimelineParams,
  type OrderTimelineType,
} from './order-timeline.ts';
export { findSubjectOrderIds } from './personal-data.ts';

/** What orders contributes to the shop: its tables, routes and jobs. */
export const ordersModule: ModuleDefinition = {
  name: 'orders',
  migrations: migrationsBeside(import.meta.url),
  routes: [orderRoutes],
  jobs: orderJobs,
  personalData: ordersPersonalData,
};
