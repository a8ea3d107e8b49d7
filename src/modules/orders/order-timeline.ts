/**
 * The order timeline's vocabulary: every entry is a stable type plus parameters, never a sentence,
 * so pages can say it in the reader's language. `note` is kept only for what a person typed (a
 * cancellation or refund reason). A new entry type is added here and given a text in the web
 * catalogue (`timeline.<type>` in src/web/i18n); a test checks that every type has one.
 */
import type { OrderStatus } from './order-state.ts';

/** The parameters each timeline entry type carries (values are plain JSON). */
export interface OrderTimelineParams {
  /** Checkout created the order; it awaits payment. */
  'order.placed': Record<string, never>;
  /** A payment was captured: pending_payment → paid. */
  'order.paid': { paymentId: string };
  /** paid → shipped. */
  'order.shipped': { trackingNumber: string };
  /** shipped → delivered. */
  'order.delivered': Record<string, never>;
  /** delivered → completed. */
  'order.completed': Record<string, never>;
  /** Cancelled by staff (their reason is the note). */
  'order.cancelled': Record<string, never>;
  /** Cancelled by the system because the payment deadline passed. */
  'order.expired': Record<string, never>;
  /** A paid order was cancelled: its captured money must go back. */
  'order.refund_needed': Record<string, never>;
  /** A payment attempt failed; `failureCode` is the provider's stable code (card_declined, …). */
  'payment.failed': { paymentId: string; method: string; failureCode: string };
  /** The provider captured money for an order that was no longer awaiting payment (refunded automatically). */
  'payment.captured_late': { paymentId: string; orderStatus: OrderStatus };
  /** The provider captured an attempt the shop had cancelled (refunded automatically). */
  'payment.captured_after_cancel': { paymentId: string };
  /** Part or all of a payment refunded: by staff (their reason is the note), or by `system` automatically. */
  'payment.refunded': { paymentId: string; amountMinor: number; currency: string };
  /** An automatic refund the provider refused; staff refund it by hand. */
  'payment.refund_failed': { paymentId: string; amountMinor: number; currency: string; failureCode: string };
}

/** Every timeline entry type. */
export type OrderTimelineType = keyof OrderTimelineParams;

/** One flag per type: a type added to `OrderTimelineParams` but not here fails the type check. */
const TYPES: Record<OrderTimelineType, true> = {
  'order.placed': true,
  'order.paid': true,
  'order.shipped': true,
  'order.delivered': true,
  'order.completed': true,
  'order.cancelled': true,
  'order.expired': true,
  'order.refund_needed': true,
  'payment.failed': true,
  'payment.captured_late': true,
  'payment.captured_after_cancel': true,
  'payment.refunded': true,
  'payment.refund_failed': true,
};

/** The types as a list, for checks that each has a translated text. */
export const ORDER_TIMELINE_TYPES = Object.keys(TYPES) as OrderTimelineType[];

type EmptyParams = Record<string, never>;

/**
 * One entry to append, e.g. `{ type: 'payment.failed', params: { paymentId, method, failureCode },
 * actor: 'provider:sandbox' }`. Types without parameters may leave `params` out.
 */
export type OrderTimelineEntry = {
  [K in OrderTimelineType]: {
    type: K;
    actor: string;
    /** Free text a person typed (a reason); never a system sentence. */
    note?: string;
  } & (OrderTimelineParams[K] extends EmptyParams
    ? { params?: OrderTimelineParams[K] }
    : { params: OrderTimelineParams[K] });
}[OrderTimelineType];
