import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../../test/support.ts';
import { buildCustomerWithCart, buildGuestWithCart } from '../../cart/testing.ts';
import { countRows, orderBody } from '../../checkout/testing.ts';
import { buildMerchant } from '../../identity/testing.ts';
import { buildStockedVariant, stockOf } from '../../inventory/testing.ts';
import { signSandboxCallback } from '../sandbox/sandbox-signature.ts';
import { GOOD_CARD } from '../testing.ts';

// Listening: the sandbox gateway calls the shop back over HTTP.
const { app, sql } = await startTestServer();
const sandboxProvider = {
  signCallback: (raw: string, at?: Date) =>
    signSandboxCallback(app.deps.config.sandboxPaymentSecret, raw, at),
};
const merchant = await buildMerchant(sql);
let keys = 0;

async function placedOrder(stock = 5, quantity = 1) {
  const { variantId } = await buildStockedVariant(sql, { stock: [stock], priceMinor: 12_000 });
  const guest = await buildGuestWithCart(sql, [{ variantId, quantity }]);
  const res = await app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: { authorization: `Bearer ${guest.token}`, 'idempotency-key': `pay-place-${++keys}` },
    payload: orderBody(),
  });
  return {
    ...(res.json() as { orderId: string; accessToken: string; total: { amountMinor: number } }),
    variantId,
  };
}

function pay(
  orderId: string,
  token: string | null,
  payload: unknown,
  key: string | null = `payment-key-${++keys}`,
) {
  return app.inject({
    method: 'POST',
    url: `/store/orders/${orderId}/payments`,
    headers: {
      ...(token ? { 'x-order-token': token } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
      'content-type': 'application/json',
    },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

const card = (number: string) => ({ method: 'card', card: { ...GOOD_CARD, number } });

describe('POST /store/orders/:id/payments', () => {
  it('captures with 4242…, marks the order paid, sells the stock and keeps only brand and last 4', async () => {
    const order = await placedOrder();
    const res = await pay(order.orderId, order.accessToken, card('4242 4242 4242 4242'), 'pay-once-0001');
    expect(res.json()).toMatchObject({ status: 'captured' });
    const [payment] = await sql`select * from payments where order_id = ${order.orderId}`;
    expect(payment).toMatchObject({
      status: 'captured',
      card_brand: 'visa',
      card_last4: '4242',
      amount_minor: order.total.amountMinor,
    });
    expect(JSON.stringify(await sql`select * from payments`)).not.toContain('4242424242424242');
    expect(JSON.stringify(await sql`select * from idempotency_keys`)).not.toContain('4242424242424242');
    expect(await stockOf(sql, order.variantId)).toEqual({ onHand: 4, reserved: 0 });
    const [paid] =
      await sql`select payload from domain_events where type = 'order.paid' and aggregate_id = ${order.orderId}`;
    expect(paid!.payload.products).toEqual([{ productId: expect.any(String), quantity: 1 }]);
    // a retry with the same key replays; a new key on a paid order is refused
    const replay = await pay(order.orderId, order.accessToken, card('4242 4242 4242 4242'), 'pay-once-0001');
    expect(replay.json()).toEqual(res.json());
    const second = await pay(order.orderId, order.accessToken, card('4242 4242 4242 4242'));
    expect(second.statusCode).toBe(409);
    const [n] = await sql`select count(*)::int as n from payments where order_id = ${order.orderId}`;
    expect(n!.n).toBe(1);
  });

  it.each([
    ['4000 0000 0000 0002', 'card_declined', false],
    ['4000 0000 0000 9995', 'insufficient_funds', false],
    ['4000 0000 0000 0341', 'processing_error', true],
  ])(
    'leaves the order awaiting payment and the stock reserved when %s fails',
    async (number, failureCode, retryable) => {
      const order = await placedOrder();
      const res = await pay(order.orderId, order.accessToken, card(number));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'failed', failureCode, retryable });
      const [row] = await sql`select status from orders where id = ${order.orderId}`;
      expect(row!.status).toBe('pending_payment');
      expect(await stockOf(sql, order.variantId)).toEqual({ onHand: 5, reserved: 1 });
      const retry = await pay(order.orderId, order.accessToken, card('4242424242424242'));
      expect(retry.json().status).toBe('captured');
    },
  );

  it("lets a signed-in customer pay their own order without a token, and not someone else's", async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [5] });
    const alice = await buildCustomerWithCart(sql, [{ variantId, quantity: 1 }]);
    const bob = await buildCustomerWithCart(sql, []);
    const placed = await app.inject({
      method: 'POST',
      url: '/store/checkout/orders',
      headers: { authorization: `Bearer ${alice.token}`, 'idempotency-key': 'alice-order-1' },
      payload: orderBody(),
    });
    const orderId = placed.json().orderId as string;
    const asCustomer = (token: string) =>
      app.inject({
        method: 'POST',
        url: `/store/orders/${orderId}/payments`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `cust-pay-${token.slice(0, 8)}` },
        payload: card('4242424242424242'),
      });
    expect((await asCustomer(bob.token)).statusCode).toBe(404);
    expect((await asCustomer(alice.token)).json().status).toBe('captured');
  });

  it('refuses bad input and other shoppers with 4xx problem+json, changing nothing', async () => {
    const order = await placedOrder();
    const other = await placedOrder();
    const before = await countRows(sql);
    const cases: [string, Awaited<ReturnType<typeof pay>>, number, string][] = [
      ['malformed JSON', await pay(order.orderId, order.accessToken, '{"method":'), 400, 'malformed_json'],
      [
        'wrong type',
        await pay(order.orderId, order.accessToken, {
          method: 'card',
          card: { ...GOOD_CARD, expMonth: '12' },
        }),
        400,
        'validation_failed',
      ],
      [
        'unknown field',
        await pay(order.orderId, order.accessToken, { ...card('4242424242424242'), amountMinor: 1 }),
        400,
        'validation_failed',
      ],
      [
        'missing key',
        await pay(order.orderId, order.accessToken, card('4242424242424242'), null),
        400,
        'validation_failed',
      ],
      ['Luhn', await pay(order.orderId, order.accessToken, card('4242 4242 4242 4241')), 400, 'card_invalid'],
      [
        'expired',
        await pay(order.orderId, order.accessToken, {
          method: 'card',
          card: { ...GOOD_CARD, expYear: 2020 },
        }),
        400,
        'card_invalid',
      ],
      [
        "another's order",
        await pay(other.orderId, order.accessToken, card('4242424242424242')),
        404,
        'order_not_found',
      ],
      ['no token', await pay(order.orderId, null, card('4242424242424242')), 404, 'order_not_found'],
      [
        'unknown order',
        await pay('ord_nothing', order.accessToken, card('4242424242424242')),
        404,
        'order_not_found',
      ],
    ];
    for (const [name, res, status, code] of cases) {
      expect({ name, status: res.statusCode, code: res.json().code }).toEqual({ name, status, code });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await countRows(sql)).toEqual(before);
  });
});

describe('POST /store/payments/callbacks/sandbox', () => {
  async function pendingAlipay() {
    const order = await placedOrder();
    const res = await pay(order.orderId, order.accessToken, { method: 'alipay' });
    expect(res.json()).toMatchObject({ status: 'pending', nextAction: { type: 'redirect' } });
    const [payment] = await sql`select id, provider_ref from payments where order_id = ${order.orderId}`;
    return { ...order, paymentId: payment!.id as string, providerRef: payment!.provider_ref as string };
  }
  function callback(raw: string, signature: string) {
    return app.inject({
      method: 'POST',
      url: '/store/payments/callbacks/sandbox',
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
      payload: raw,
    });
  }
  const event = (
    p: { orderId: string; paymentId: string; providerRef: string },
    amountMinor: number,
    id = `evt_${++keys}`,
  ) =>
    JSON.stringify({
      id,
      type: 'payment.captured',
      data: {
        paymentId: p.paymentId,
        orderId: p.orderId,
        providerRef: p.providerRef,
        amountMinor,
        currency: 'CNY',
      },
    });

  it('refuses a bad, stale or missing signature with 401 and changes nothing', async () => {
    const p = await pendingAlipay();
    const raw = event(p, p.total.amountMinor);
    const before = await countRows(sql);
    const good = sandboxProvider.signCallback(raw);
    const tampered = good.replace(/v1=(.)/, (_m: string, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    for (const signature of [
      tampered,
      sandboxProvider.signCallback(raw, new Date(Date.now() - 10 * 60_000)),
      'garbage',
      '',
    ]) {
      const res = await callback(raw, signature);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_signature');
    }
    // a valid signature over other bytes does not carry over to a changed body
    const res = await callback(raw.replace('"CNY"', '"USD"'), good);
    expect(res.statusCode).toBe(401);
    expect(await countRows(sql)).toEqual(before);
  });

  it('marks the order paid on a matching callback, once, and ignores a mismatched amount', async () => {
    const p = await pendingAlipay();
    const wrong = event(p, p.total.amountMinor - 1);
    const before = await countRows(sql);
    const mismatch = await callback(wrong, sandboxProvider.signCallback(wrong));
    expect(mismatch.statusCode).toBe(422);
    expect(await countRows(sql)).toEqual(before);

    const raw = event(p, p.total.amountMinor, 'evt_once');
    const applied = await callback(raw, sandboxProvider.signCallback(raw));
    expect(applied.json()).toEqual({ outcome: 'applied' });
    const again = await callback(raw, sandboxProvider.signCallback(raw));
    expect(again.json()).toEqual({ outcome: 'duplicate' });
    const [order] = await sql`select status from orders where id = ${p.orderId}`;
    expect(order!.status).toBe('paid');
    expect(await stockOf(sql, p.variantId)).toEqual({ onHand: 4, reserved: 0 });
    // forward only: a later "failed" does not undo the capture
    const failed = JSON.stringify({ ...JSON.parse(raw), id: 'evt_late_fail', type: 'payment.failed' });
    expect((await callback(failed, sandboxProvider.signCallback(failed))).json()).toEqual({
      outcome: 'ignored',
    });
    const [payment] = await sql`select status from payments where id = ${p.paymentId}`;
    expect(payment!.status).toBe('captured');
  });
});

describe('one active attempt per order', () => {
  it('gives the same wallet payment back to a second request, and cancels it at the provider for another method', async () => {
    const order = await placedOrder();
    const first = await pay(order.orderId, order.accessToken, { method: 'alipay' });
    const again = await pay(order.orderId, order.accessToken, { method: 'alipay' });
    expect(again.json()).toEqual(first.json());
    const wechat = await pay(order.orderId, order.accessToken, { method: 'wechat_pay' });
    expect(wechat.json()).toMatchObject({ status: 'pending', nextAction: { type: 'qr_code' } });
    const rows =
      await sql`select id, method, status from payments where order_id = ${order.orderId} order by created_at`;
    expect(rows.map((r) => [r.method, r.status])).toEqual([
      ['alipay', 'cancelled'],
      ['wechat_pay', 'pending'],
    ]);
    const [atGateway] =
      await sql`select status from sandbox_gateway_payments where merchant_reference = ${rows[0]!.id}`;
    expect(atGateway!.status).toBe('cancelled');
    // the cancelled attempt's page can no longer be approved; the active one can
    const cancelledPage = await app.inject({
      method: 'POST',
      url: first.json().nextAction.url,
      payload: 'decision=approve',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(cancelledPage.statusCode).toBe(409);
    const [order1] = await sql`select status from orders where id = ${order.orderId}`;
    expect(order1!.status).toBe('pending_payment');
  });

  it('answers a retry with the same Idempotency-Key the same, and refuses the key for another request', async () => {
    const order = await placedOrder();
    const first = await pay(order.orderId, order.accessToken, { method: 'wechat_pay' }, 'same-key-0001');
    const replay = await pay(order.orderId, order.accessToken, { method: 'wechat_pay' }, 'same-key-0001');
    expect(replay.json()).toEqual(first.json());
    const other = await pay(order.orderId, order.accessToken, card('4242424242424242'), 'same-key-0001');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });
});

describe('the sandbox gateway page', () => {
  it('is marked as a sandbox, and the payer approving there pays the order through the signed callback', async () => {
    const order = await placedOrder();
    const started = await pay(order.orderId, order.accessToken, { method: 'wechat_pay' });
    const url = started.json().nextAction.url as string;
    expect(url).toMatch(/^\/sandbox\/pay\/sbx_[0-9a-z]{20}$/);
    const page = await app.inject({
      method: 'GET',
      url: `${url}?return=/orders/${order.orderId}`,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="sandbox-banner"');
    expect(page.body).toContain('data-testid="sandbox-approve"');
    const approved = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `decision=approve&return=${encodeURIComponent(`/orders/${order.orderId}?payment=returned`)}`,
    });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/orders/${order.orderId}?payment=returned`);
    const [row] = await sql`select status from orders where id = ${order.orderId}`;
    expect(row!.status).toBe('paid');
    const [callback] = await sql`select c.status, c.attempts from sandbox_gateway_callbacks c
      join sandbox_gateway_payments p on p.id = c.payment_id where p.order_reference = ${order.orderId}`;
    expect(callback).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('declining there leaves the order awaiting payment; a return path off the site goes home', async () => {
    const order = await placedOrder();
    const started = await pay(order.orderId, order.accessToken, { method: 'alipay' });
    const declined = await app.inject({
      method: 'POST',
      url: started.json().nextAction.url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `decision=decline&return=${encodeURIComponent('//evil.example/x')}`,
    });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe('/');
    const [payment] = await sql`select status, failure_code from payments where order_id = ${order.orderId}`;
    expect(payment).toEqual({ status: 'failed', failure_code: 'declined_by_payer' });
    const [row] = await sql`select status from orders where id = ${order.orderId}`;
    expect(row!.status).toBe('pending_payment');
  });

  it('knows no card payments and no unknown ids', async () => {
    const order = await placedOrder();
    await pay(order.orderId, order.accessToken, card('4242424242424242'));
    const [atGateway] =
      await sql`select id from sandbox_gateway_payments where order_reference = ${order.orderId}`;
    for (const url of [
      `/sandbox/pay/${atGateway!.id}`,
      '/sandbox/pay/sbx_00000000000000000000',
      '/sandbox/pay/x',
    ]) {
      expect((await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })).statusCode).toBe(
        404,
      );
    }
  });

  it('the old shopper approval route is gone', async () => {
    const order = await placedOrder();
    const started = await pay(order.orderId, order.accessToken, { method: 'alipay' });
    const res = await app.inject({
      method: 'POST',
      url: `/store/payments/sandbox/${started.json().paymentId}/approve`,
      headers: { 'x-order-token': order.accessToken },
      payload: { outcome: 'captured' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /admin/payments/:id/refunds', () => {
  async function capturedPayment() {
    const order = await placedOrder();
    await pay(order.orderId, order.accessToken, card('4242424242424242'));
    const [payment] =
      await sql`select id, amount_minor from payments where order_id = ${order.orderId} and status = 'captured'`;
    return { id: payment!.id as string, amount: payment!.amount_minor as number };
  }
  const refund = (
    paymentId: string,
    amountMinor: number,
    key = `refund-key-${++keys}`,
    token = merchant.token,
  ) =>
    app.inject({
      method: 'POST',
      url: `/admin/payments/${paymentId}/refunds`,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      payload: { amountMinor, reason: 'test' },
    });

  it('refunds in parts but never more than was captured', async () => {
    const p = await capturedPayment();
    expect((await refund(p.id, 2000)).json()).toMatchObject({
      status: 'succeeded',
      paymentStatus: 'partially_refunded',
    });
    const over = await refund(p.id, p.amount);
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('refund_exceeds_captured');
    expect((await refund(p.id, p.amount - 2000)).json()).toMatchObject({ paymentStatus: 'refunded' });
    expect((await refund(p.id, 1)).statusCode).toBe(409);
  });

  it('replays a retried refund with the same key instead of refunding twice', async () => {
    const p = await capturedPayment();
    const first = await refund(p.id, 1500, 'refund-retry-001');
    const again = await refund(p.id, 1500, 'refund-retry-001');
    expect(again.json()).toEqual(first.json());
    const [row] = await sql`select refunded_minor from payments where id = ${p.id}`;
    expect(row!.refunded_minor).toBe(1500);
  });

  it('lets concurrent refunds together never exceed the captured amount', async () => {
    const p = await capturedPayment();
    const share = Math.ceil(p.amount / 3);
    const results = await Promise.all(Array.from({ length: 6 }, () => refund(p.id, share)));
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(Math.floor(p.amount / share));
    const [row] = await sql`select refunded_minor, amount_minor from payments where id = ${p.id}`;
    expect(row!.refunded_minor).toBe(ok.length * share);
    expect(row!.refunded_minor).toBeLessThanOrEqual(row!.amount_minor);
  });

  it('is staff-only: a shopper token gets 401 and nothing is refunded', async () => {
    const p = await capturedPayment();
    const { token } = await buildGuestWithCart(sql, []);
    expect((await refund(p.id, 100, 'shopper-refund-1', token)).statusCode).toBe(401);
    const [row] = await sql`select refunded_minor from payments where id = ${p.id}`;
    expect(row!.refunded_minor).toBe(0);
  });
});
