/**
 * Refunds part or all of a captured payment; staff only (the route checks the role). A short
 * transaction holding the order's and the payment's row locks claims the Idempotency-Key, checks
 * what is left and sets the amount aside (`refunded_minor`, whose check makes over-refunding
 * impossible) with the refund recorded as pending; then the provider is asked outside any
 * transaction (`completeRefund`), and its answer recorded. Concurrent refunds queue on the locks.
 */
import { withTransaction } from '../../app/database.ts';
import { conflict, DomainError, notFound } from '../../app/errors.ts';
import { newId } from '../../app/ids.ts';
import { claimIdempotencyKey, hashRequest } from '../checkout/index.ts';
import { lockOrder } from '../orders/index.ts';
import { completeRefund, type RefundPaymentResult } from './complete-refund.ts';
import { lockPayment } from './db/payment-repository.ts';
import type { PaymentsDeps } from './payment-providers.ts';
import { REFUNDABLE_STATUSES, refundableMinor } from './refund-rules.ts';

export type { RefundPaymentResult } from './complete-refund.ts';

export interface RefundPaymentInput {
  paymentId: string;
  amountMinor: number;
  reason: string;
  staffId: string;
  idempotencyKey: string;
}

/** Refunds `amountMinor` of the payment; 422 `refund_exceeds_captured` when that is more than is left. */
export async function refundPayment(
  deps: PaymentsDeps,
  input: RefundPaymentInput,
): Promise<RefundPaymentResult> {
  const requestHash = hashRequest({ amountMinor: input.amountMinor, reason: input.reason });
  const begun = await withTransaction(
    deps.sql,
    async (tx): Promise<{ replay: RefundPaymentResult } | { refundId: string }> => {
      // The order row, then the payment's, as every writer of payments does (settle-payment.ts).
      const [owner] = await tx<{ order_id: string }[]>`
        select order_id from payments where id = ${input.paymentId}`;
      if (owner) await lockOrder(tx, owner.order_id);
      const payment = await lockPayment(tx, input.paymentId);
      if (!payment) throw notFound('payment');
      const replay = await claimIdempotencyKey<RefundPaymentResult>(tx, {
        scope: `refund:${payment.id}`,
        key: input.idempotencyKey,
        requestHash,
      });
      if (replay) return { replay: replay.response };
      if (!REFUNDABLE_STATUSES.includes(payment.status)) {
        throw conflict('payment_not_refundable', `A ${payment.status} payment cannot be refunded.`);
      }
      const left = refundableMinor({
        status: payment.status,
        amountMinor: payment.amount_minor,
        refundedMinor: payment.refunded_minor,
      });
      if (input.amountMinor > left) {
        throw new DomainError('refund_exceeds_captured', 422, 'That is more than is left to refund.', {
          extra: { refundable: { amountMinor: left, currency: payment.currency } },
        });
      }
      const refundId = newId('ref');
      await tx`update payments set refunded_minor = refunded_minor + ${input.amountMinor}, updated_at = now()
              where id = ${payment.id}`;
      await tx`insert into refunds (id, payment_id, amount_minor, currency, status, staff_id, reason, idempotency_key)
             values (${refundId}, ${payment.id}, ${input.amountMinor}, ${payment.currency}, 'pending',
                     ${input.staffId}, ${input.reason}, ${input.idempotencyKey})`;
      return { refundId };
    },
  );
  if ('replay' in begun) return begun.replay;
  return completeRefund(deps, begun.refundId);
}
