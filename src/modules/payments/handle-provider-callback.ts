/**
 * Provider callbacks: verified on the raw bytes, de-duplicated by event id, matched against the
 * payment (order, amount, currency) and applied forward-only: pending may become captured or
 * failed; nothing moves a captured payment back.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { DomainError } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { addOrderEvent, lockOrder, markOrderPaid } from '../orders/index.ts';
import type { PaymentProvider, VerifiedCallback } from './payment-provider.ts';

export type CallbackOutcome = 'applied' | 'duplicate' | 'ignored';

/** Verifies and applies one callback; 401 `invalid_signature` when the signature does not check out. */
export async function handleProviderCallback(
  db: Db,
  provider: PaymentProvider,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<CallbackOutcome> {
  const callback = provider.verifyCallback(rawBody, headers);
  if (!callback) throw new DomainError('invalid_signature', 401, 'The callback signature does not verify.');
  return withTransaction(db, async (tx) => {
    const order = await lockOrder(tx, callback.orderId);
    const [payment] = await tx<
      {
        id: string;
        order_id: string;
        status: string;
        method: string;
        amount_minor: number;
        currency: string;
        provider: string;
      }[]
    >`select id, order_id, status, method, amount_minor, currency, provider from payments
       where id = ${callback.paymentId} for update`;
    if (!order || !payment || !matches(payment, order, callback, provider.name)) {
      throw new DomainError('callback_mismatch', 422, 'The callback does not match a payment of that order.');
    }
    const fresh = await tx`insert into payment_callbacks (provider, event_id, payment_id, outcome)
      values (${provider.name}, ${callback.eventId}, ${payment.id}, ${callback.type}) on conflict do nothing`;
    if (fresh.count === 0) return 'duplicate';
    if (payment.status !== 'pending') return 'ignored';
    if (callback.type === 'payment.failed') {
      const failureCode = callback.failureCode ?? 'failed';
      await tx`update payments set status = 'failed', failure_code = ${failureCode},
                      provider_ref = ${callback.providerRef}, updated_at = now() where id = ${payment.id}`;
      await addOrderEvent(tx, order.id, {
        type: 'payment.failed',
        params: { paymentId: payment.id, method: payment.method, failureCode },
        actor: `provider:${provider.name}`,
      });
      return 'applied';
    }
    if (order.status !== 'pending_payment') {
      // Money arrived for an order that was cancelled or already paid: keep it visible for a refund.
      await addOrderEvent(tx, order.id, {
        type: 'payment.captured_late',
        params: { paymentId: payment.id, orderStatus: order.status },
        actor: `provider:${provider.name}`,
      });
      return 'ignored';
    }
    await tx`update payments set status = 'captured', provider_ref = ${callback.providerRef}, updated_at = now()
              where id = ${payment.id}`;
    await markOrderPaid(tx, order.id, { actor: `provider:${provider.name}`, paymentId: payment.id });
    await recordEvent(tx, 'payment.captured', payment.id, {
      orderId: order.id,
      amountMinor: payment.amount_minor,
    });
    return 'applied';
  });
}

function matches(
  payment: { order_id: string; amount_minor: number; currency: string; provider: string },
  order: { id: string; totalMinor: number; currency: string },
  callback: VerifiedCallback,
  providerName: string,
): boolean {
  return (
    payment.provider === providerName &&
    payment.order_id === order.id &&
    payment.amount_minor === callback.amount.amountMinor &&
    payment.currency === callback.amount.currency &&
    order.totalMinor === callback.amount.amountMinor &&
    order.currency === callback.amount.currency
  );
}
