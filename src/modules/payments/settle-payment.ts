/**
 * Recording what the provider said about an attempt, whoever heard it: the charge answer, a
 * verified callback, a cancel answer or a reconciliation's retrieve. Every change is conditional on
 * the status the caller locked, so the same news heard twice (or by two instances) applies once.
 *
 * Lock order: the order row first, then its payment rows. Every writer of an order's payments
 * (refunds too) does so, so two writers of one order queue on the order and never deadlock: a
 * writer holding a payment row and then inserting a timeline entry would otherwise wait for the
 * order row (the entry's foreign key) while another holds the order and waits for the payment.
 */
import { type Tx, withTransaction } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import { newId } from '../../app/ids.ts';
import { addOrderEvent, type LockedOrder, lockOrder, markOrderPaid } from '../orders/index.ts';
import { completeRefund } from './complete-refund.ts';
import { CAPTURED_STATUSES, lockPayment, type PaymentRow } from './db/payment-repository.ts';
import type { PayOrderResult } from './pay-order.ts';
import type { NextAction, ProviderPaymentState } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';

/** What recording a capture did: paid the order, queued an automatic refund, or nothing new. */
export type CaptureOutcome = { kind: 'paid' } | { kind: 'surplus'; refundId: string } | { kind: 'already' };

/**
 * Runs `work` in a transaction holding the order's and then the payment's row lock (either null
 * when unknown). After commit, never inside, asks the provider for the automatic refund a surplus
 * capture queued.
 */
export async function settleAttempt<T>(
  deps: PaymentsDeps,
  ids: { orderId: string; paymentId: string },
  work: (
    tx: Tx,
    order: LockedOrder | null,
    payment: PaymentRow | null,
  ) => Promise<{ value: T; capture?: CaptureOutcome | null }>,
): Promise<T> {
  const { value, capture } = await withTransaction(deps.sql, async (tx) => {
    const order = await lockOrder(tx, ids.orderId);
    const payment = order ? await lockPayment(tx, ids.paymentId) : null;
    return work(tx, order, payment?.order_id === order?.id ? payment : null);
  });
  if (capture?.kind === 'surplus') await completeRefund(deps, capture.refundId);
  return value;
}

/** The answer `payOrder` gives for an attempt in its current state. */
export function payOrderResultOf(payment: PaymentRow, retryable = false): PayOrderResult {
  switch (payment.status) {
    case 'pending':
    case 'authorized':
      return {
        paymentId: payment.id,
        status: 'pending',
        ...(payment.next_action ? { nextAction: payment.next_action } : {}),
      };
    case 'failed':
    case 'cancelled':
      return {
        paymentId: payment.id,
        status: 'failed',
        failureCode: payment.failure_code ?? payment.status,
        retryable,
      };
    default:
      return { paymentId: payment.id, status: payment.is_surplus ? 'refunded' : 'captured' };
  }
}

/**
 * Records a capture. The order's pending attempt pays the order. Any other capture (the order is
 * already paid or no longer payable, or the shop had given up on the attempt) is money the order
 * does not need: it is recorded as captured and queued for an automatic refund, which the caller
 * asks the provider for after commit (`completeRefund`). The unique index on automatic refunds
 * makes that refund one, however many callbacks report the capture.
 */
export async function recordCapture(
  tx: Tx,
  order: LockedOrder,
  payment: PaymentRow,
  input: { providerRef: string; actor: string },
): Promise<CaptureOutcome> {
  if (CAPTURED_STATUSES.includes(payment.status)) return { kind: 'already' };
  if (payment.status === 'pending' && order.status === 'pending_payment') {
    await tx`update payments set status = 'captured', provider_ref = ${input.providerRef}, updated_at = now()
              where id = ${payment.id}`;
    await markOrderPaid(tx, order.id, { actor: input.actor, paymentId: payment.id });
    await recordEvent(tx, 'payment.captured', payment.id, {
      orderId: order.id,
      amountMinor: payment.amount_minor,
    });
    return { kind: 'paid' };
  }
  // The whole amount is set aside for the refund at once, so no staff refund can claim it too.
  await tx`update payments set status = 'captured', is_surplus = true, provider_ref = ${input.providerRef},
                  refunded_minor = amount_minor, updated_at = now()
            where id = ${payment.id}`;
  const refundId = newId('ref');
  await tx`insert into refunds (id, payment_id, amount_minor, currency, status, is_automatic, reason)
           values (${refundId}, ${payment.id}, ${payment.amount_minor}, ${payment.currency}, 'pending', true,
                   'Captured when the order did not need it.')`;
  await addOrderEvent(
    tx,
    order.id,
    order.status === 'pending_payment'
      ? { type: 'payment.captured_after_cancel', params: { paymentId: payment.id }, actor: input.actor }
      : {
          type: 'payment.captured_late',
          params: { paymentId: payment.id, orderStatus: order.status },
          actor: input.actor,
        },
  );
  await recordEvent(tx, 'payment.captured', payment.id, {
    orderId: order.id,
    amountMinor: payment.amount_minor,
    surplus: true,
  });
  return { kind: 'surplus', refundId };
}

/** Records a decline or failure of a still-pending attempt; false when it was no longer pending. */
export async function recordFailure(
  tx: Tx,
  payment: PaymentRow,
  input: { providerRef: string | null; failureCode: string; actor: string },
): Promise<boolean> {
  if (payment.status !== 'pending') return false;
  await tx`update payments set status = 'failed', provider_ref = coalesce(${input.providerRef}, provider_ref),
                  failure_code = ${input.failureCode}, updated_at = now() where id = ${payment.id}`;
  await addOrderEvent(tx, payment.order_id, {
    type: 'payment.failed',
    params: { paymentId: payment.id, method: payment.method, failureCode: input.failureCode },
    actor: input.actor,
  });
  return true;
}

/** Records that the provider cancelled a still-pending attempt (superseded, or its order gone). */
export async function recordCancellation(tx: Tx, payment: PaymentRow): Promise<boolean> {
  if (payment.status !== 'pending') return false;
  await tx`update payments set status = 'cancelled', failure_code = 'cancelled', updated_at = now()
            where id = ${payment.id}`;
  return true;
}

/** Records that the payer now has to act at the provider (redirect / QR). */
export async function recordAwaitingPayer(
  tx: Tx,
  payment: PaymentRow,
  input: { providerRef: string; nextAction: NextAction },
): Promise<void> {
  await tx`update payments set provider_ref = ${input.providerRef}, next_action = ${tx.json(input.nextAction as never)},
                  updated_at = now()
            where id = ${payment.id} and status = 'pending'`;
}

/**
 * Applies what the provider says an attempt is now (a retrieve, or the answer to a cancel). Null
 * (the provider never heard of it) fails the attempt: the request to create it never arrived.
 */
export async function recordProviderState(
  tx: Tx,
  order: LockedOrder,
  payment: PaymentRow,
  state: ProviderPaymentState | null,
  actor: string,
): Promise<CaptureOutcome | null> {
  if (!state) {
    await recordFailure(tx, payment, { providerRef: null, failureCode: 'not_at_provider', actor });
    return null;
  }
  switch (state.status) {
    case 'captured':
      return recordCapture(tx, order, payment, { providerRef: state.providerRef, actor });
    case 'failed':
      await recordFailure(tx, payment, {
        providerRef: state.providerRef,
        failureCode: state.failureCode,
        actor,
      });
      return null;
    case 'cancelled':
      await recordCancellation(tx, payment);
      return null;
    default:
      // still waiting for the payer: touched, so reconciliation looks again a while later
      await tx`update payments set updated_at = now() where id = ${payment.id}`;
      return null;
  }
}
