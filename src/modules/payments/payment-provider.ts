/**
 * The payment provider seam: Lantern talks to any provider through this interface, and only what
 * the provider says (a charge answer, a verified callback, a retrieve) moves money-related state.
 * Every call is made outside a database transaction, and every call is idempotent on the shop's
 * id (`paymentId`, `refundId`), so asking again after a lost answer never charges or refunds twice.
 */
import type { Money } from '../../app/money.ts';
import type { CardDetails } from './card.ts';

export type PaymentMethod = 'card' | 'alipay' | 'wechat_pay';

export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  amount: Money;
  method: PaymentMethod;
  card?: CardDetails;
}

/** Where the payer goes to approve a redirect / QR payment. */
export interface NextAction {
  type: 'redirect' | 'qr_code';
  url: string;
}

export type ChargeResult =
  | { status: 'captured'; providerRef: string }
  | { status: 'failed'; failureCode: string; retryable: boolean; providerRef: string | null }
  /** Redirect / QR flows: the payer approves at the provider, which then calls back. */
  | { status: 'pending'; providerRef: string; nextAction: NextAction };

/** What the provider says a payment is now: the answer to a retrieve or to a cancel. */
export type ProviderPaymentState =
  | { status: 'requires_action'; providerRef: string }
  | { status: 'captured'; providerRef: string; amount: Money }
  | { status: 'failed'; providerRef: string; failureCode: string }
  | { status: 'cancelled'; providerRef: string };

export interface RefundRequest {
  refundId: string;
  paymentId: string;
  providerRef: string | null;
  amount: Money;
}

export type RefundResult =
  | { status: 'succeeded'; providerRef: string }
  | { status: 'failed'; failureCode: string };

/** A callback whose signature checked out; the caller still matches it against the payment. */
export interface VerifiedCallback {
  eventId: string;
  type: 'payment.captured' | 'payment.failed';
  paymentId: string;
  orderId: string;
  providerRef: string;
  amount: Money;
  failureCode: string | null;
}

export interface PaymentProvider {
  readonly name: string;
  /** The methods this provider takes. */
  readonly methods: readonly PaymentMethod[];
  /** Charges (cards) or starts (redirect/QR) a payment; asked again for the same `paymentId`, answers the first result. */
  createPayment(request: ChargeRequest): Promise<ChargeResult>;
  /** Cancels a payment still waiting for the payer; answers its state, `captured` when the payer was quicker. */
  cancelPayment(request: { paymentId: string }): Promise<ProviderPaymentState | null>;
  /** What the provider knows of the payment; null when the request never reached it. */
  retrievePayment(request: { paymentId: string }): Promise<ProviderPaymentState | null>;
  /** Refunds part of a capture; asked again for the same `refundId`, answers the first result. */
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Checks the signature over the raw body; null when it does not verify. */
  verifyCallback(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): VerifiedCallback | null;
}
