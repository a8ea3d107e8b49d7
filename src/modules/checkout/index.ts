/** The checkout module's public surface. */
import type { ModuleDefinition } from '../../app/module-definition.ts';
import { checkoutRoutes } from './http/checkout-routes.ts';
import { checkoutPersonalData } from './personal-data.ts';

export { CHECKOUT_LIMITS, type CheckoutCaller, limitCheckout } from './checkout-limits.ts';
export {
  DELIVERY_OPTIONS,
  type DeliveryOption,
  deliveryOptionsFor,
  findDeliveryOption,
  shippingFee,
} from './delivery-options.ts';
export { claimIdempotencyKey, hashRequest, saveIdempotentResponse } from './idempotency.ts';
export {
  type CheckoutDeps,
  checkoutDepsOf,
  orderContactIssues,
  PAYMENT_DUE_MINUTES,
  type PlaceOrderInput,
  type PlaceOrderResult,
  placeOrder,
} from './place-order.ts';
export { type CheckoutQuote, type DeliveryChoice, quoteCheckout } from './quote-checkout.ts';

/** What checkout contributes to the shop: its tables, routes and jobs. */
export const checkoutModule: ModuleDefinition = {
  name: 'checkout',
  routes: [checkoutRoutes],
  personalData: checkoutPersonalData,
};
