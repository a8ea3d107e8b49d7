/**
 * The payment provider seam: Lantern talks to any provider through this interface, and only a
 * provider-verified callback (or charge result) moves money-related state.
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

export type ChargeResult =
  | { status: 'captured'; providerRef: string }
  | { status: 'failed'; failureCode: string; retryable: boolean; providerRef: string | null }
  /** Redirect / QR flows: the shopper approves at the provider, which then calls back. */
  | { status: 'pending'; providerRef: string; nextAction: { type: 'redirect' | 'qr_code'; url: string } };

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
  /** Charges (cards) or starts (redirect/QR) a payment. */
  createPayment(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /** Checks the signature over the raw body; null when it does not verify. */
  verifyCallback(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): VerifiedCallback | null;
}
