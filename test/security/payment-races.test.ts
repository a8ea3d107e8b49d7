/**
 * Issue 7, payment findings, raced with real HTTP clients against real PostgreSQL: one order has
 * at most one active payment attempt; a wallet approval racing a card payment never leaves money
 * taken and unrefundable; a capture the provider reports for an order already paid is refunded
 * automatically, exactly once; no shopper route marks a payment captured; forged callbacks fail.
 */
import { describe, expect, it } from 'vitest';
import { signSandboxCallback } from '../../src/modules/payments/index.ts';
import { startTestServer } from '../support.ts';
import {
  bearer,
  DEMO,
  GOOD_CARD,
  guestSession,
  idempotencyKey,
  loginStaff,
  placeOrder,
  sellableVariant,
} from './security-support.ts';

const { app, sql, baseUrl } = await startTestServer();
const merchant = await loginStaff(app, DEMO.merchant);

type Order = Awaited<ReturnType<typeof placeOrder>>;
/** What the payment and callback APIs answer (a payment, an outcome or a problem). */
interface Answer {
  paymentId: string;
  status: string;
  nextAction?: { type: string; url: string };
  outcome?: string;
  code?: string;
}

async function newOrder(): Promise<Order> {
  const item = await sellableVariant(sql, 3);
  return placeOrder(app, await guestSession(app), item.variantId, 1);
}

/** A shopper's client paying over real HTTP. */
async function pay(order: Order, body: unknown) {
  const res = await fetch(`${baseUrl}/store/orders/${order.orderId}/payments`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-order-token': order.accessToken,
      'idempotency-key': idempotencyKey('race'),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** The payer approving on the sandbox gateway's page, where the provider's next action sends them. */
async function approveAsPayer(url: string) {
  const res = await fetch(`${baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'decision=approve',
    redirect: 'manual',
  });
  return res.status;
}

function signCallback(raw: string, at?: Date): string {
  return signSandboxCallback(app.deps.config.sandboxPaymentSecret, raw, at);
}

async function sendCallback(raw: string, signature = signCallback(raw)) {
  const res = await fetch(`${baseUrl}/store/payments/callbacks/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

async function paymentsOf(orderId: string) {
  return sql<
    {
      id: string;
      method: string;
      status: string;
      amount_minor: number;
      refunded_minor: number;
      provider_ref: string | null;
    }[]
  >`select id, method, status, amount_minor, refunded_minor, provider_ref from payments
     where order_id = ${orderId} order by created_at, id`;
}

/** The order ends paid once: nothing left pending, and the shop keeps exactly the order total. */
async function expectPaidOnce(order: Order) {
  await expect.poll(() => orderStatus(order.orderId)).toBe('paid');
  await expect
    .poll(async () => (await paymentsOf(order.orderId)).filter((p) => p.status === 'pending'))
    .toEqual([]);
  expect(kept(await paymentsOf(order.orderId))).toBe(order.total.amountMinor);
}

/** What the shop kept of the shopper's money: captured minus refunded, over every payment. */
function kept(payments: { status: string; amount_minor: number; refunded_minor: number }[]): number {
  return payments
    .filter((p) => ['captured', 'partially_refunded', 'refunded'].includes(p.status))
    .reduce((sum, p) => sum + p.amount_minor - p.refunded_minor, 0);
}

async function orderStatus(orderId: string): Promise<string> {
  const [row] = await sql<{ status: string }[]>`select status from orders where id = ${orderId}`;
  return row!.status;
}

describe('one active payment attempt per order', () => {
  it('concurrent wallet payments of one order make one attempt, which every client gets back', async () => {
    const order = await newOrder();
    const answers = await Promise.all(Array.from({ length: 8 }, () => pay(order, { method: 'alipay' })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const active = (await paymentsOf(order.orderId)).filter((p) => p.status === 'pending');
    expect(active).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.paymentId))).toEqual(new Set([active[0]!.id]));

    // the payer approves every page they were sent to, at once: one capture, nothing left open
    const urls = [...new Set(answers.map((a) => a.body.nextAction!.url))];
    expect(urls).toHaveLength(1);
    const approvals = await Promise.all([...urls, ...urls].map((url) => approveAsPayer(url)));
    expect(approvals).toContain(303); // approved, and the payer sent back to the shop
    await expect.poll(() => orderStatus(order.orderId)).toBe('paid');
    const payments = await paymentsOf(order.orderId);
    expect(payments.filter((p) => p.status === 'pending')).toEqual([]);
    expect(kept(payments)).toBe(order.total.amountMinor);
  });

  it('racing Alipay, WeChat Pay and card attempts leave at most one attempt active, and the order paid once', async () => {
    const order = await newOrder();
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => pay(order, { method: 'alipay' })),
      ...Array.from({ length: 3 }, () => pay(order, { method: 'wechat_pay' })),
    ]);
    const active = (await paymentsOf(order.orderId)).filter((p) => p.status === 'pending');
    expect(active.length).toBeLessThanOrEqual(1);
    // every wallet page anyone was sent to is approved, and a card payment races them
    const urls = [...new Set(answers.flatMap((a) => (a.body.nextAction ? [a.body.nextAction.url] : [])))];
    await Promise.all([
      ...urls.map((url) => approveAsPayer(url)),
      pay(order, { method: 'card', card: GOOD_CARD }),
    ]);
    await expectPaidOnce(order);
  });
});

describe('a wallet approval racing a card payment', () => {
  it('concurrently: the order is paid once and no payment is left pending', async () => {
    const order = await newOrder();
    const wallet = await pay(order, { method: 'wechat_pay' });
    expect(wallet.body.status).toBe('pending');
    await Promise.all([
      approveAsPayer(wallet.body.nextAction!.url),
      pay(order, { method: 'card', card: GOOD_CARD }),
    ]);
    await expectPaidOnce(order);
  });

  it('the approval arriving just after the card capture takes no second payment', async () => {
    const order = await newOrder();
    const wallet = await pay(order, { method: 'alipay' });
    const card = await pay(order, { method: 'card', card: GOOD_CARD });
    expect(card.body.status).toBe('captured');
    // the card payment cancelled the wallet payment at the provider first: nothing to approve
    expect(await approveAsPayer(wallet.body.nextAction!.url)).toBe(409);
    const payments = await paymentsOf(order.orderId);
    expect(payments.filter((p) => p.status === 'pending')).toEqual([]);
    expect(kept(payments)).toBe(order.total.amountMinor);
  });
});

describe('a capture reported for an order that is already paid', () => {
  it('is recorded as captured and refunded automatically, exactly once, under repeated and concurrent callbacks', async () => {
    const order = await newOrder();
    const wallet = await pay(order, { method: 'alipay' });
    expect((await pay(order, { method: 'card', card: GOOD_CARD })).body.status).toBe('captured');
    const [late] = (await paymentsOf(order.orderId)).filter((p) => p.id === wallet.body.paymentId);
    expect(late!.status).toBe('cancelled');
    // The provider captured the wallet payment after all (its cancel lost a race inside the
    // provider, or the payer approved twice) and reports it: several deliveries of one event and
    // a few distinct events, at once and again.
    await sql`update sandbox_gateway_payments set status = 'captured' where merchant_reference = ${late!.id}`;
    const event = (id: string) =>
      JSON.stringify({
        id,
        type: 'payment.captured',
        data: {
          paymentId: late!.id,
          orderId: order.orderId,
          providerRef: late!.provider_ref ?? 'sbx_late',
          amountMinor: order.total.amountMinor,
          currency: order.total.currency,
        },
      });
    const raws = [event('evt_late_1'), event('evt_late_1'), event('evt_late_1'), event('evt_late_2')];
    const answers = await Promise.all(raws.map((raw) => sendCallback(raw)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await sendCallback(event('evt_late_1'))).status).toBe(200);
    expect((await sendCallback(event('evt_late_3'))).status).toBe(200);

    const refunds = await sql`select amount_minor, status from refunds where payment_id = ${late!.id}`;
    expect(refunds).toEqual([{ amount_minor: order.total.amountMinor, status: 'succeeded' }]);
    const payments = await paymentsOf(order.orderId);
    expect(payments.find((p) => p.id === late!.id)).toMatchObject({
      status: 'refunded',
      refunded_minor: order.total.amountMinor,
    });
    expect(payments.filter((p) => p.status === 'pending')).toEqual([]);
    expect(kept(payments)).toBe(order.total.amountMinor);
    expect(await orderStatus(order.orderId)).toBe('paid');

    // the merchant sees it on the timeline and in the payments list
    const adminOrder = await app.inject({
      method: 'GET',
      url: `/admin/orders/${order.orderId}`,
      headers: bearer(merchant.token),
    });
    const timeline = adminOrder.json().timeline as { type: string; note: string }[];
    expect(timeline.filter((e) => e.type === 'payment.refunded')).toHaveLength(1);
    const list = await app.inject({
      method: 'GET',
      url: `/admin/orders/${order.orderId}/payments`,
      headers: bearer(merchant.token),
    });
    expect(list.json().payments).toContainEqual(
      expect.objectContaining({ id: late!.id, status: 'refunded', isSurplus: true }),
    );
  });
});

describe('only the provider captures', () => {
  it('no shopper route marks a wallet payment captured', async () => {
    const order = await newOrder();
    const wallet = await pay(order, { method: 'alipay' });
    const paymentId = wallet.body.paymentId as string;
    const tries = [
      fetch(`${baseUrl}/store/payments/sandbox/${paymentId}/approve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-order-token': order.accessToken },
        body: JSON.stringify({ outcome: 'captured' }),
      }),
      fetch(`${baseUrl}/store/orders/${order.orderId}/payments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-order-token': order.accessToken,
          'idempotency-key': idempotencyKey('capture'),
        },
        body: JSON.stringify({ method: 'alipay', status: 'captured' }),
      }),
    ];
    for (const res of await Promise.all(tries)) expect(res.status).toBeGreaterThanOrEqual(400);
    // the storefront's pay form only ever sends the payer on to the provider's page
    const form = await fetch(`${baseUrl}/orders/${order.orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: order.accessToken,
        paymentMethod: 'alipay',
        outcome: 'captured',
        status: 'captured',
        idempotencyKey: idempotencyKey('form'),
      }).toString(),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/sandbox\/pay\/sbx_/);
    expect((await paymentsOf(order.orderId)).map((p) => p.status)).toEqual(['pending']);
    expect(await orderStatus(order.orderId)).toBe('pending_payment');
  });

  it('forged, stale and tampered callbacks are refused and change nothing', async () => {
    const order = await newOrder();
    const wallet = await pay(order, { method: 'alipay' });
    const [payment] = await paymentsOf(order.orderId);
    const raw = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.captured',
      data: {
        paymentId: wallet.body.paymentId,
        orderId: order.orderId,
        providerRef: payment!.provider_ref,
        amountMinor: order.total.amountMinor,
        currency: 'CNY',
      },
    });
    const now = Math.floor(Date.now() / 1000);
    const stale = signCallback(raw, new Date(Date.now() - 10 * 60_000));
    for (const signature of [
      `t=${now},v1=${'0'.repeat(64)}`,
      stale,
      signCallback(raw.replace('"CNY"', '"USD"')),
      'garbage',
    ]) {
      const res = await sendCallback(raw, signature);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_signature');
    }
    const unsigned = await fetch(`${baseUrl}/store/payments/callbacks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(unsigned.status).toBe(401);
    expect((await paymentsOf(order.orderId)).map((p) => p.status)).toEqual(['pending']);
    expect(await orderStatus(order.orderId)).toBe('pending_payment');
  });
});
