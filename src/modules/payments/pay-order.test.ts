import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { payOrder } from './pay-order.ts';
import { refundPayment } from './refund-payment.ts';
import { buildOrderAwaitingPayment, buildPaymentsDeps, withProvider } from './testing.ts';

const { sql } = await createTestDatabase();
const shop = await buildPaymentsDeps(sql);
const sandbox = shop.paymentProviders.forMethod('card');
const GOOD_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123', holder: 'T' };
let keys = 0;

/** True when another connection can lock the row at once: no transaction holds it. */
async function rowIsFree(table: 'orders' | 'payments', id: string): Promise<boolean> {
  try {
    await sql.begin((tx) => tx`select id from ${sql(table)} where id = ${id} for update nowait`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false; // lock_not_available
    throw error;
  }
}

describe('payOrder', () => {
  it('calls the provider outside any transaction, after the pending attempt is committed', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const seen: { orderFree: boolean; attempt: string | undefined }[] = [];
    const probing = withProvider(shop, {
      ...sandbox,
      async createPayment(request) {
        const [attempt] = await sql<
          { status: string }[]
        >`select status from payments where id = ${request.paymentId}`;
        seen.push({ orderFree: await rowIsFree('orders', request.orderId), attempt: attempt?.status });
        return sandbox.createPayment(request);
      },
    });
    const result = await payOrder(probing, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'card',
      card: GOOD_CARD,
      idempotencyKey: `pay-${++keys}`,
    });
    expect(result.status).toBe('captured');
    expect(seen).toEqual([{ orderFree: true, attempt: 'pending' }]);
  });

  it('refunds with the provider called outside any transaction, the amount already set aside', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const paid = await payOrder(shop, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'card',
      card: GOOD_CARD,
      idempotencyKey: `pay-${++keys}`,
    });
    const seen: { paymentFree: boolean; setAside: number }[] = [];
    const probing = withProvider(shop, {
      ...sandbox,
      async refund(request) {
        const [row] = await sql<{ refunded_minor: number }[]>`
          select refunded_minor from payments where id = ${request.paymentId}`;
        seen.push({
          paymentFree: await rowIsFree('payments', request.paymentId),
          setAside: row!.refunded_minor,
        });
        return sandbox.refund(request);
      },
    });
    const refund = await refundPayment(probing, {
      paymentId: paid.paymentId,
      amountMinor: 1_000,
      reason: 'test',
      staffId: 'stf_test',
      idempotencyKey: `refund-${++keys}`,
    });
    expect(refund).toMatchObject({ status: 'succeeded', paymentStatus: 'partially_refunded' });
    expect(seen).toEqual([{ paymentFree: true, setAside: 1_000 }]);
  });

  it('charges once for concurrent requests with one Idempotency-Key; the others replay or are told to wait', async () => {
    const order = await buildOrderAwaitingPayment(sql);
    const request = () =>
      payOrder(shop, {
        orderId: order.orderId,
        access: { accessToken: order.accessToken },
        method: 'card',
        card: GOOD_CARD,
        idempotencyKey: 'one-key-for-all',
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, request));
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') expect(outcome.value.status).toBe('captured');
      else expect((outcome.reason as { code: string }).code).toBe('idempotency_key_in_use');
    }
    expect((await request()).status).toBe('captured');
    const [n] = await sql`select count(*)::int as n from payments where order_id = ${order.orderId}`;
    expect(n!.n).toBe(1);
  });
});
