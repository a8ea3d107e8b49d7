import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/support.ts';
import { expireUnpaidOrders } from '../orders/index.ts';
import { payOrder } from './pay-order.ts';
import { type PaymentsDeps, paymentsDepsOf } from './payment-providers.ts';
import { reconcilePayments } from './reconcile-payments.ts';
import { refundPayment } from './refund-payment.ts';
import { buildOrderAwaitingPayment, withProvider } from './testing.ts';

// Listening: the gateway calls the shop back over HTTP when a payer approves.
const { app, sql } = await startTestServer();
const shop: PaymentsDeps = paymentsDepsOf(app.deps);
const sandbox = shop.paymentProviders.forMethod('card');
const GOOD_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123', holder: 'T' };
let keys = 0;

/** The attempt or refund was left a while ago (reconciliation looks only at those). */
async function age(table: 'payments' | 'refunds', id: string) {
  await sql`update ${sql(table)} set updated_at = now() - interval '5 minutes' where id = ${id}`;
}

async function statusOf(orderId: string) {
  const [order] = await sql<{ status: string }[]>`select status from orders where id = ${orderId}`;
  const payments = await sql<
    { id: string; status: string; failure_code: string | null; is_surplus: boolean }[]
  >`
    select id, status, failure_code, is_surplus from payments where order_id = ${orderId} order by created_at`;
  return { order: order!.status, payments };
}

describe('reconcilePayments', () => {
  it('settles a card charge whose answer was lost, and answers the request key the same', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const lostAnswer = withProvider(shop, {
      ...sandbox,
      async createPayment(request) {
        await sandbox.createPayment(request); // charged at the provider…
        throw new Error('connection reset'); // …and the answer never arrives
      },
    });
    const input = {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'card' as const,
      card: GOOD_CARD,
      idempotencyKey: `lost-${++keys}`,
    };
    await expect(payOrder(lostAnswer, input)).rejects.toMatchObject({ code: 'payment_provider_unavailable' });
    const pending = await statusOf(order.orderId);
    expect(pending.payments.map((p) => p.status)).toEqual(['pending']);
    await expect(payOrder(shop, input)).rejects.toMatchObject({ code: 'idempotency_key_in_use' });

    await age('payments', pending.payments[0]!.id);
    expect(await reconcilePayments(shop)).toMatchObject({ payments: 1 });
    expect(await statusOf(order.orderId)).toMatchObject({
      order: 'paid',
      payments: [{ status: 'captured' }],
    });
    expect(await payOrder(shop, input)).toEqual({ paymentId: pending.payments[0]!.id, status: 'captured' });
  });

  it('fails an attempt the provider never received, so the shopper can pay again', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const unreachable = withProvider(shop, {
      ...sandbox,
      async createPayment() {
        throw new Error('connect ECONNREFUSED');
      },
    });
    const input = {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'card' as const,
      card: GOOD_CARD,
      idempotencyKey: `never-${++keys}`,
    };
    await expect(payOrder(unreachable, input)).rejects.toMatchObject({
      code: 'payment_provider_unavailable',
    });
    const [attempt] = (await statusOf(order.orderId)).payments;
    await age('payments', attempt!.id);
    await reconcilePayments(shop);
    expect((await statusOf(order.orderId)).payments).toEqual([
      { id: attempt!.id, status: 'failed', failure_code: 'not_at_provider', is_surplus: false },
    ]);
    const again = await payOrder(shop, { ...input, idempotencyKey: `never-${++keys}` });
    expect(again.status).toBe('captured');
  });

  it('cancels at the provider the wallet payment of an order that expired, leaving nothing to approve', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const started = await payOrder(shop, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'wechat_pay',
      idempotencyKey: `expire-${++keys}`,
    });
    await sql`update orders set payment_due_at = now() - interval '1 minute' where id = ${order.orderId}`;
    await expireUnpaidOrders(sql);
    await age('payments', started.paymentId);
    await reconcilePayments(shop);
    expect(await statusOf(order.orderId)).toMatchObject({
      order: 'cancelled',
      payments: [{ status: 'cancelled' }],
    });
    const gatewayId = started.nextAction!.url.split('/').pop()!;
    expect((await shop.paymentProviders.sandboxGateway.decide(gatewayId, 'approve'))?.status).toBe(
      'cancelled',
    );
  });

  it('refunds automatically, once, what a payer approved after the order expired', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const started = await payOrder(shop, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'alipay',
      idempotencyKey: `late-${++keys}`,
    });
    await sql`update orders set payment_due_at = now() - interval '1 minute' where id = ${order.orderId}`;
    await expireUnpaidOrders(sql);
    // The payer approves before the reconciliation cancelled the payment at the provider.
    const gatewayId = started.nextAction!.url.split('/').pop()!;
    expect((await shop.paymentProviders.sandboxGateway.decide(gatewayId, 'approve'))?.status).toBe(
      'captured',
    );
    expect(await statusOf(order.orderId)).toMatchObject({
      order: 'cancelled',
      payments: [{ status: 'refunded', is_surplus: true }],
    });
    await reconcilePayments(shop, { olderThanSeconds: 0 });
    const refunds =
      await sql`select status, is_automatic from refunds where payment_id = ${started.paymentId}`;
    expect(refunds).toEqual([{ status: 'succeeded', is_automatic: true }]);
    const [atGateway] =
      await sql`select refunded_minor, amount_minor from sandbox_gateway_payments where id = ${gatewayId}`;
    expect(atGateway!.refunded_minor).toBe(atGateway!.amount_minor);
    const notes = await sql<{ type: string }[]>`
      select type from order_events where order_id = ${order.orderId} and type like 'payment.%' order by id`;
    expect(notes.map((n) => n.type)).toEqual(['payment.captured_late', 'payment.refunded']);
  });

  it('asks again for a refund whose answer was lost, and answers its key then', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const paid = await payOrder(shop, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'card',
      card: GOOD_CARD,
      idempotencyKey: `refund-${++keys}`,
    });
    const lostAnswer = withProvider(shop, {
      ...sandbox,
      async refund(request) {
        await sandbox.refund(request);
        throw new Error('timeout');
      },
    });
    const input = {
      paymentId: paid.paymentId,
      amountMinor: 2_000,
      reason: 'damaged',
      staffId: 'stf_test',
      idempotencyKey: `refund-key-${++keys}`,
    };
    expect(await refundPayment(lostAnswer, input)).toMatchObject({ status: 'pending' });
    const [refund] = await sql<{ id: string }[]>`select id from refunds where payment_id = ${paid.paymentId}`;
    await age('refunds', refund!.id);
    expect(await reconcilePayments(shop)).toMatchObject({ refunds: 1 });
    // the same key now replays the settled answer (before, it was still in use)
    expect(await refundPayment(shop, input)).toMatchObject({
      status: 'succeeded',
      paymentStatus: 'partially_refunded',
    });
    const [row] = await sql`select refunded_minor from payments where id = ${paid.paymentId}`;
    expect(row!.refunded_minor).toBe(2_000);
  });
});
