/**
 * Settles what lost answers left open, by asking the provider (a job, every 30 s): attempts still
 * pending after a minute (a crash between charging and recording, a callback that never came, a
 * wallet payment whose order expired meanwhile, which is cancelled at the provider) and refunds
 * still waiting for the provider's answer. Everything it records is conditional on the state it
 * locked, so instances running it at once, or a callback arriving meanwhile, change nothing twice.
 */
import { saveIdempotentResponse } from '../checkout/index.ts';
import { cancelAttempt } from './cancel-attempt.ts';
import { completeRefund } from './complete-refund.ts';
import {
  ACTIVE_STATUSES,
  findStaleActivePayments,
  findStalePendingRefunds,
  type PaymentRow,
} from './db/payment-repository.ts';
import type { ProviderPaymentState } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';
import { payOrderResultOf, recordProviderState, settleAttempt } from './settle-payment.ts';

/** Reconciles up to `limit` attempts and refunds left open longer than `olderThanSeconds`. */
export async function reconcilePayments(
  deps: PaymentsDeps,
  options: { olderThanSeconds?: number; limit?: number } = {},
): Promise<{ payments: number; refunds: number }> {
  const stale = { olderThanSeconds: options.olderThanSeconds ?? 60, limit: options.limit ?? 20 };
  const attempts = await findStaleActivePayments(deps.sql, stale);
  for (const attempt of attempts) await reconcileAttempt(deps, attempt);
  const refunds = await findStalePendingRefunds(deps.sql, stale);
  for (const refundId of refunds) await completeRefund(deps, refundId);
  return { payments: attempts.length, refunds: refunds.length };
}

async function reconcileAttempt(
  deps: PaymentsDeps,
  attempt: { id: string; order_id: string; provider: string },
): Promise<void> {
  let state: ProviderPaymentState | null;
  try {
    state = await deps.paymentProviders.named(attempt.provider).retrievePayment({ paymentId: attempt.id });
  } catch {
    return; // the provider is away: next time
  }
  const ids = { orderId: attempt.order_id, paymentId: attempt.id };
  const orderGone = await settleAttempt(deps, ids, async (tx, order, payment) => {
    if (!order || !payment || !ACTIVE_STATUSES.includes(payment.status)) return { value: false };
    // Waiting for a payer whose order can no longer be paid: cancelled at the provider below.
    if (state?.status === 'requires_action' && order.status !== 'pending_payment') return { value: true };
    const capture = await recordProviderState(tx, order, payment, state, `provider:${attempt.provider}`);
    // The request that began the attempt died before answering: its key gets the answer now.
    const [now] = await tx<PaymentRow[]>`select * from payments where id = ${payment.id}`;
    if (now!.idempotency_key) {
      await saveIdempotentResponse(tx, {
        scope: `payment:${order.id}`,
        key: now!.idempotency_key,
        statusCode: 200,
        response: payOrderResultOf(now!),
      });
    }
    return { value: false, capture };
  });
  if (orderGone) await cancelAttempt(deps, attempt);
}
