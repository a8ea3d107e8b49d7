import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../../test/support.ts';
import { payOrder } from '../pay-order.ts';
import { paymentsDepsOf } from '../payment-providers.ts';
import { buildOrderAwaitingPayment, buildPaymentsDeps } from '../testing.ts';

// Listening: the gateway delivers its callbacks to the shop over HTTP.
const { app, sql } = await startTestServer();
const shop = paymentsDepsOf(app.deps);
const gateway = shop.paymentProviders.sandboxGateway;
let keys = 0;

function charge(method: 'card' | 'alipay', paymentId = `pay_gw_${++keys}`) {
  return gateway.openPayment({
    paymentId,
    orderId: 'ord_gateway_test',
    amount: { amountMinor: 5_000, currency: 'CNY' },
    method,
    card:
      method === 'card'
        ? { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123', holder: 'T' }
        : undefined,
  });
}

describe('the sandbox gateway', () => {
  it("tells the shop of a payer's approval only by signed callback, retried until the shop answers", async () => {
    // A gateway that cannot reach the shop: the payer approves, the shop hears nothing.
    const unreachable = await buildPaymentsDeps(sql);
    const order = await buildOrderAwaitingPayment(sql);
    const started = await payOrder(unreachable, {
      orderId: order.orderId,
      access: { accessToken: order.accessToken },
      method: 'alipay',
      idempotencyKey: `gw-${++keys}`,
    });
    const gatewayId = started.nextAction!.url.split('/').pop()!;
    const decided = await unreachable.paymentProviders.sandboxGateway.decide(gatewayId, 'approve');
    expect(decided?.status).toBe('captured');
    const [payment] = await sql`select status from payments where id = ${started.paymentId}`;
    expect(payment!.status).toBe('pending');
    const [callback] = await sql`select status, attempts, last_error from sandbox_gateway_callbacks
                                  where payment_id = ${gatewayId}`;
    expect(callback).toMatchObject({ status: 'pending', attempts: 1 });
    expect(callback!.last_error).toBeTruthy();

    // The back-off has passed, and the shop is reachable now: the retry delivers it.
    await sql`update sandbox_gateway_callbacks set next_attempt_at = now() where payment_id = ${gatewayId}`;
    expect(await gateway.deliverDueCallbacks()).toBe(1);
    const [order2] = await sql`select status from orders where id = ${order.orderId}`;
    expect(order2!.status).toBe('paid');
    const [delivered] = await sql`select status, attempts from sandbox_gateway_callbacks
                                   where payment_id = ${gatewayId}`;
    expect(delivered).toEqual({ status: 'delivered', attempts: 2 });
    expect(await gateway.deliverDueCallbacks()).toBe(0);
  });

  it('answers a repeated creation with the first payment, and keeps no card number', async () => {
    const first = await charge('card', 'pay_gw_same');
    const again = await charge('card', 'pay_gw_same');
    expect(again).toEqual(first);
    expect(first.status).toBe('captured');
    expect(JSON.stringify(await sql`select * from sandbox_gateway_payments`)).not.toContain(
      '4242424242424242',
    );
  });

  it('lets either the payer or the merchant win a race between approving and cancelling, never both', async () => {
    for (let round = 0; round < 5; round++) {
      const payment = await charge('alipay');
      const [decided, cancelled] = await Promise.all([
        gateway.decide(payment.id, 'approve'),
        gateway.cancelPayment(payment.merchantReference),
      ]);
      expect(decided!.status).toBe(cancelled!.status);
      expect(['captured', 'cancelled']).toContain(decided!.status);
      // a callback tells the shop of the capture; a cancelled payment owes it none
      const [sent] =
        await sql`select count(*)::int as n from sandbox_gateway_callbacks where payment_id = ${payment.id}`;
      expect(sent!.n).toBe(decided!.status === 'captured' ? 1 : 0);
    }
  });

  it('refunds a capture once per merchant reference and never beyond it', async () => {
    const payment = await charge('card');
    const refund = (merchantReference: string, amountMinor: number, paymentRef = payment.id) =>
      gateway.refund({ merchantReference, paymentRef, amountMinor });
    const [a, b] = await Promise.all([refund('ref_gw_a', 3_000), refund('ref_gw_a', 3_000)]);
    expect(a).toEqual(b);
    expect(a.status).toBe('succeeded');
    expect(await refund('ref_gw_b', 2_001)).toEqual({ status: 'failed', failureCode: 'refund_not_possible' });
    expect((await refund('ref_gw_c', 2_000)).status).toBe('succeeded');
    const waiting = await charge('alipay');
    expect((await refund('ref_gw_d', 1, waiting.id)).status).toBe('failed');
    expect((await refund('ref_gw_e', 1, 'sbx_unknown')).status).toBe('failed');
    const [row] = await sql`select refunded_minor from sandbox_gateway_payments where id = ${payment.id}`;
    expect(row!.refunded_minor).toBe(5_000);
  });
});
