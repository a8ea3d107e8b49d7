/**
 * The sandbox's stand-in for "the shopper approved in the Alipay / WeChat Pay app": it sends the
 * provider's signed callback for a pending redirect/QR payment through the same verified path a
 * real provider's callback takes. Only the order's owner (account or access token) may do this.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { getOrderForShopper, type OrderAccess } from '../orders/index.ts';
import { type CallbackOutcome, handleProviderCallback } from './handle-provider-callback.ts';
import { sandboxProvider } from './sandbox-card-provider.ts';

/** Settles a pending sandbox payment as captured or failed, as its callback would. */
export async function approveSandboxPayment(
  db: Db,
  input: { paymentId: string; access: OrderAccess; outcome: 'captured' | 'failed' },
): Promise<CallbackOutcome> {
  const [payment] = await db<
    { order_id: string; amount_minor: number; currency: string; provider_ref: string | null }[]
  >`select order_id, amount_minor, currency, provider_ref from payments
     where id = ${input.paymentId} and provider = 'sandbox' and method <> 'card'`;
  if (!payment?.provider_ref) throw notFound('payment');
  await getOrderForShopper(db, input.access, payment.order_id);
  const raw = JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: input.outcome === 'captured' ? 'payment.captured' : 'payment.failed',
    data: {
      paymentId: input.paymentId,
      orderId: payment.order_id,
      providerRef: payment.provider_ref,
      amountMinor: payment.amount_minor,
      currency: payment.currency,
      ...(input.outcome === 'failed' ? { failureCode: 'cancelled_by_shopper' } : {}),
    },
  });
  return handleProviderCallback(db, sandboxProvider, Buffer.from(raw), {
    'x-sandbox-signature': sandboxProvider.signCallback(raw),
  });
}
