/** The checkout module's public surface. */
export {
  DELIVERY_OPTIONS,
  type DeliveryOption,
  deliveryOptionsFor,
  findDeliveryOption,
  shippingFee,
} from './delivery-options.ts';
export { limitCheckout } from './http/checkout-routes.ts';
export { claimIdempotencyKey, hashRequest, saveIdempotentResponse } from './idempotency.ts';
export {
  PAYMENT_DUE_MINUTES,
  type PlaceOrderInput,
  type PlaceOrderResult,
  placeOrder,
} from './place-order.ts';
export { type CheckoutQuote, quoteCheckout } from './quote-checkout.ts';
