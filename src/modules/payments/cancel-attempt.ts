/**
 * Cancelling an attempt that waits for the payer, the way Adyen and Saleor supersede one: ask the
 * provider to cancel it first (outside any transaction), then record what the provider says it
 * is now. When the payer was quicker the answer is `captured` and the capture is recorded instead,
 * so the order is paid and a new attempt is refused because the order is no longer payable.
 */
import type { ProviderPaymentState } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';
import { recordProviderState, settleAttempt } from './settle-payment.ts';

/** Cancels `attempt` at its provider and records the outcome; false when the provider kept it open. */
export async function cancelAttempt(
  deps: PaymentsDeps,
  attempt: { id: string; order_id: string; provider: string },
): Promise<boolean> {
  let state: ProviderPaymentState | null;
  try {
    state = await deps.paymentProviders.named(attempt.provider).cancelPayment({ paymentId: attempt.id });
  } catch {
    return false;
  }
  if (!state || state.status === 'requires_action') return false;
  await settleAttempt(
    deps,
    { orderId: attempt.order_id, paymentId: attempt.id },
    async (tx, order, payment) => {
      if (!order || !payment) return { value: undefined };
      const capture = await recordProviderState(tx, order, payment, state, `provider:${attempt.provider}`);
      return { value: undefined, capture };
    },
  );
  return true;
}
