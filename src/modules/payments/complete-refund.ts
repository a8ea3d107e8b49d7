/**
 * The second half of every refund (a merchant's, or the automatic refund of a surplus capture):
 * ask the provider, outside any transaction, then record its answer. Safe to repeat after a crash
 * or a lost answer: the provider answers one refund id once, and only a pending refund is settled.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import type { Money } from '../../app/money.ts';
import { saveIdempotentResponse } from '../checkout/index.ts';
import { addOrderEvent, lockOrder } from '../orders/index.ts';
import { lockPayment } from './db/payment-repository.ts';
import type { RefundResult } from './payment-provider.ts';
import type { PaymentsDeps } from './payment-providers.ts';

/** A refund's outcome, as the refund API answers it (and replays it for its Idempotency-Key). */
export interface RefundPaymentResult {
  refundId: string;
  /** `pending`: the provider has not answered yet; the reconciliation job asks again. */
  status: 'succeeded' | 'failed' | 'pending';
  refunded: Money;
  paymentStatus: string;
}

interface RefundRow {
  id: string;
  payment_id: string;
  amount_minor: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  is_automatic: boolean;
  staff_id: string | null;
  reason: string;
  idempotency_key: string | null;
}

/** Asks the provider for the pending refund `refundId` and records the answer. */
export async function completeRefund(deps: PaymentsDeps, refundId: string): Promise<RefundPaymentResult> {
  const [refund] = await deps.sql<(RefundRow & { provider: string; provider_ref: string | null })[]>`
    select r.*, p.provider, p.provider_ref from refunds r join payments p on p.id = r.payment_id
     where r.id = ${refundId}`;
  if (!refund) throw new Error(`no refund ${refundId}`);
  if (refund.status !== 'pending') return settleRefund(deps.sql, refundId, null);
  let answer: RefundResult | null = null;
  try {
    answer = await deps.paymentProviders.named(refund.provider).refund({
      refundId,
      paymentId: refund.payment_id,
      providerRef: refund.provider_ref,
      amount: { amountMinor: refund.amount_minor, currency: refund.currency },
    });
  } catch {
    // No answer: the refund stays pending and the reconciliation job asks again.
  }
  return settleRefund(deps.sql, refundId, answer);
}

async function settleRefund(
  db: Db,
  refundId: string,
  answer: RefundResult | null,
): Promise<RefundPaymentResult> {
  return withTransaction(db, async (tx) => {
    const [owner] = await tx<{ payment_id: string; order_id: string }[]>`
      select r.payment_id, p.order_id from refunds r join payments p on p.id = r.payment_id
       where r.id = ${refundId}`;
    const paymentId = owner!.payment_id;
    // The order row, then the payment's, as every writer of payments does (settle-payment.ts):
    // concurrent refunds and callbacks of one order settle one after the other, never deadlocked.
    await lockOrder(tx, owner!.order_id);
    const payment = (await lockPayment(tx, paymentId))!;
    const [refund] = await tx<RefundRow[]>`select * from refunds where id = ${refundId}`;
    if (!refund) throw new Error(`no refund ${refundId}`);
    let status = payment.status;
    let refunded = payment.refunded_minor;
    if (refund.status === 'pending' && answer) {
      const actor = refund.is_automatic ? 'system' : `staff:${refund.staff_id}`;
      if (answer.status === 'succeeded') {
        await tx`update refunds set status = 'succeeded', provider_ref = ${answer.providerRef}, updated_at = now()
                  where id = ${refundId}`;
        const [done] = await tx<{ sum: number }[]>`
          select coalesce(sum(amount_minor), 0)::bigint as sum from refunds
           where payment_id = ${paymentId} and status = 'succeeded'`;
        status = done!.sum === payment.amount_minor ? 'refunded' : 'partially_refunded';
        await tx`update payments set status = ${status}, updated_at = now() where id = ${paymentId}`;
        await addOrderEvent(tx, payment.order_id, {
          type: 'payment.refunded',
          params: { paymentId, amountMinor: refund.amount_minor, currency: refund.currency },
          // the merchant's reason; an automatic refund has none (its actor is `system`)
          ...(refund.is_automatic ? {} : { note: refund.reason }),
          actor,
        });
        await recordEvent(tx, 'payment.refunded', paymentId, {
          orderId: payment.order_id,
          amountMinor: refund.amount_minor,
        });
      } else {
        // The amount set aside for this refund is free again.
        refunded -= refund.amount_minor;
        await tx`update refunds set status = 'failed', updated_at = now() where id = ${refundId}`;
        await tx`update payments set refunded_minor = ${refunded}, updated_at = now() where id = ${paymentId}`;
        if (refund.is_automatic) {
          await addOrderEvent(tx, payment.order_id, {
            type: 'payment.refund_failed',
            params: {
              paymentId,
              amountMinor: refund.amount_minor,
              currency: refund.currency,
              failureCode: answer.failureCode,
            },
            actor,
          });
        }
      }
      refund.status = answer.status;
    } else if (refund.status === 'pending') {
      await tx`update refunds set updated_at = now() where id = ${refundId}`;
    }
    const result: RefundPaymentResult = {
      refundId,
      status: refund.status,
      refunded: { amountMinor: refunded, currency: payment.currency },
      paymentStatus: status,
    };
    if (refund.idempotency_key && refund.status !== 'pending') {
      await saveIdempotentResponse(tx, {
        scope: `refund:${paymentId}`,
        key: refund.idempotency_key,
        statusCode: 201,
        response: result,
      });
    }
    return result;
  });
}
