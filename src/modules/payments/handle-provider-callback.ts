/**
 * Provider callbacks: verified on the raw bytes, matched against the payment (order, amount,
 * currency), de-duplicated by event id and applied forward-only: a pending attempt may fail; a
 * capture is recorded whatever the attempt's state (money moved), paying the order when it was the
 * order's pending attempt and otherwise refunded automatically; nothing moves a capture back.
 */
import { DomainError } from '../../app/errors.ts';
import type { VerifiedCallback } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';
import { recordCapture, recordFailure, settleAttempt } from './settle-payment.ts';

export type CallbackOutcome = 'applied' | 'duplicate' | 'ignored';

/** Verifies and applies one callback of `providerName`; 401 `invalid_signature` when the signature does not check out. */
export async function handleProviderCallback(
  deps: PaymentsDeps,
  providerName: string,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<CallbackOutcome> {
  const provider = deps.paymentProviders.named(providerName);
  const callback = provider.verifyCallback(rawBody, headers);
  if (!callback) throw new DomainError('invalid_signature', 401, 'The callback signature does not verify.');
  const ids = { orderId: callback.orderId, paymentId: callback.paymentId };
  return settleAttempt(deps, ids, async (tx, order, payment) => {
    if (!order || !payment || !matches(payment, order, callback, provider.name)) {
      throw new DomainError('callback_mismatch', 422, 'The callback does not match a payment of that order.');
    }
    const fresh = await tx`insert into payment_callbacks (provider, event_id, payment_id, outcome)
      values (${provider.name}, ${callback.eventId}, ${payment.id}, ${callback.type}) on conflict do nothing`;
    if (fresh.count === 0) return { value: 'duplicate' as const };
    const actor = `provider:${provider.name}`;
    if (callback.type === 'payment.failed') {
      const failed = await recordFailure(tx, payment, {
        providerRef: callback.providerRef,
        failureCode: callback.failureCode ?? 'failed',
        actor,
      });
      return { value: failed ? ('applied' as const) : ('ignored' as const) };
    }
    const capture = await recordCapture(tx, order, payment, { providerRef: callback.providerRef, actor });
    return { value: capture.kind === 'already' ? ('ignored' as const) : ('applied' as const), capture };
  });
}

function matches(
  payment: { amount_minor: number; currency: string; provider: string },
  order: { totalMinor: number; currency: string },
  callback: VerifiedCallback,
  providerName: string,
): boolean {
  return (
    payment.provider === providerName &&
    payment.amount_minor === callback.amount.amountMinor &&
    payment.currency === callback.amount.currency &&
    order.totalMinor === callback.amount.amountMinor &&
    order.currency === callback.amount.currency
  );
}
