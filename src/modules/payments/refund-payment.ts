/**
 * Refunds part or all of a captured payment; staff only (the route checks the role). The payment
 * row is locked, so concurrent refunds run one after the other and their sum can never exceed
 * what was captured (the table's check says so too).
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { conflict, DomainError, notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { newId } from '../../app/ids.ts';
import type { Money } from '../../app/money.ts';
import { claimIdempotencyKey, hashRequest, saveIdempotentResponse } from '../checkout/index.ts';
import { addOrderEvent } from '../orders/index.ts';
import type { PaymentProvider } from './payment-provider.ts';
import { sandboxProvider } from './sandbox-card-provider.ts';

export interface RefundPaymentInput {
  paymentId: string;
  amountMinor: number;
  reason: string;
  staffId: string;
  idempotencyKey: string;
}

export interface RefundPaymentResult {
  refundId: string;
  status: 'succeeded' | 'failed';
  refunded: Money;
  paymentStatus: string;
}

/** Refunds `amountMinor` of the payment; 422 `refund_exceeds_captured` when that is more than is left. */
export async function refundPayment(
  db: Db,
  input: RefundPaymentInput,
  provider: PaymentProvider = sandboxProvider,
): Promise<RefundPaymentResult> {
  const requestHash = hashRequest({ amountMinor: input.amountMinor, reason: input.reason });
  return withTransaction(db, async (tx) => {
    const [payment] = await tx<
      {
        id: string;
        order_id: string;
        status: string;
        amount_minor: number;
        refunded_minor: number;
        currency: string;
        provider_ref: string | null;
      }[]
    >`select id, order_id, status, amount_minor, refunded_minor, currency, provider_ref
        from payments where id = ${input.paymentId} for update`;
    if (!payment) throw notFound('payment');
    const scope = `refund:${payment.id}`;
    const replay = await claimIdempotencyKey<RefundPaymentResult>(tx, {
      scope,
      key: input.idempotencyKey,
      requestHash,
    });
    if (replay) return replay.response;
    if (!['captured', 'partially_refunded'].includes(payment.status)) {
      throw conflict('payment_not_refundable', `A ${payment.status} payment cannot be refunded.`);
    }
    const left = payment.amount_minor - payment.refunded_minor;
    if (input.amountMinor > left) {
      throw new DomainError('refund_exceeds_captured', 422, 'That is more than is left to refund.', {
        extra: { refundable: { amountMinor: left, currency: payment.currency } },
      });
    }
    const refundId = newId('ref');
    const amount = { amountMinor: input.amountMinor, currency: payment.currency };
    const outcome = await provider.refund({
      refundId,
      paymentId: payment.id,
      providerRef: payment.provider_ref,
      amount,
    });
    let refunded = payment.refunded_minor;
    let status = payment.status;
    if (outcome.status === 'succeeded') {
      refunded += input.amountMinor;
      status = refunded === payment.amount_minor ? 'refunded' : 'partially_refunded';
      await tx`update payments set refunded_minor = ${refunded}, status = ${status}, updated_at = now()
                where id = ${payment.id}`;
      await addOrderEvent(tx, payment.order_id, {
        type: 'payment.refunded',
        params: { paymentId: payment.id, amountMinor: input.amountMinor, currency: payment.currency },
        note: input.reason,
        actor: `staff:${input.staffId}`,
      });
      await recordEvent(tx, 'payment.refunded', payment.id, {
        orderId: payment.order_id,
        amountMinor: input.amountMinor,
      });
    }
    await tx`insert into refunds (id, payment_id, amount_minor, currency, status, provider_ref, staff_id, reason)
             values (${refundId}, ${payment.id}, ${input.amountMinor}, ${payment.currency}, ${outcome.status},
                     ${outcome.status === 'succeeded' ? outcome.providerRef : null}, ${input.staffId}, ${input.reason})`;
    const result: RefundPaymentResult = {
      refundId,
      status: outcome.status,
      refunded: { amountMinor: refunded, currency: payment.currency },
      paymentStatus: status,
    };
    await saveIdempotentResponse(tx, { scope, key: input.idempotencyKey, statusCode: 201, response: result });
    return result;
  });
}
