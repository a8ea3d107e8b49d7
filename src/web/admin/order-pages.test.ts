/** Order screens: list and filters, detail, ship/deliver through forms, cancel with a confirm step, roles. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { getOrderForAdmin } from '../../modules/orders/index.ts';
import { type Browser, buildPaidOrder, buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

let merchant: Browser;
let agent: Browser;

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  agent = await signIn(app, await buildStaff(sql, 'agent'));
});

describe('order screens', () => {
  it('lists orders and filters them by status and number', async () => {
    const order = await buildPaidOrder(sql);
    const all = await merchant.get('/admin/console/orders');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(order.number);
    expect((await merchant.get(`/admin/console/orders?q=${order.number}`)).body).toContain(order.number);
    expect((await merchant.get('/admin/console/orders?status=shipped')).body).not.toContain(order.number);
    expect((await merchant.get('/admin/console/orders?status=paid')).body).toContain(order.number);
    expect((await merchant.get('/admin/console/orders?from=2001-01-01&to=2001-01-02')).body).not.toContain(
      order.number,
    );
  });

  it('ships an order through the form and shows it in the timeline', async () => {
    const order = await buildPaidOrder(sql);
    const detail = await merchant.get(`/admin/console/orders/${order.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('王小明');
    expect(detail.body).toContain('测试商品');
    const shipped = await merchant.post(`/admin/console/orders/${order.id}/ship`, {
      _csrf: merchant.csrf,
      trackingNumber: 'SF1234567890',
    });
    expect(shipped.statusCode).toBe(303);
    expect(shipped.headers.location).toBe(`/admin/console/orders/${order.id}?done=order_shipped`);
    const after = await merchant.get(shipped.headers.location!);
    expect(after.body).toContain('订单已标记为已发货。');
    expect(after.body).toMatch(/<ol class="timeline"[\s\S]*已发货，运单号 SF1234567890/);
    expect((await getOrderForAdmin(sql, order.id)).status).toBe('shipped');
    const delivered = await merchant.post(`/admin/console/orders/${order.id}/deliver`, {
      _csrf: merchant.csrf,
    });
    expect(delivered.statusCode).toBe(303);
    expect((await getOrderForAdmin(sql, order.id)).status).toBe('delivered');
  });

  it('answers a bad tracking number and an illegal move in the page', async () => {
    const order = await buildPaidOrder(sql);
    const bad = await merchant.post(`/admin/console/orders/${order.id}/ship`, {
      _csrf: merchant.csrf,
      trackingNumber: '<x>',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('value="&lt;x&gt;"');
    expect(bad.body).toContain('运单号：至少填写 4 个字符。');
    const illegal = await merchant.post(`/admin/console/orders/${order.id}/deliver`, {
      _csrf: merchant.csrf,
    });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.body).toContain('订单当前的状态不能变为该状态。');
    expect((await getOrderForAdmin(sql, order.id)).status).toBe('paid');
  });

  it('cancels only after the confirm step, with a reason', async () => {
    const order = await buildPaidOrder(sql);
    const confirm = await merchant.get(`/admin/console/orders/${order.id}/cancel`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('name="reason"');
    const noReason = await merchant.post(`/admin/console/orders/${order.id}/cancel`, {
      _csrf: merchant.csrf,
      reason: '   ',
    });
    // The orders module's rule (cancelOrder), the same answer as the API's.
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('name="reason"');
    expect((await getOrderForAdmin(sql, order.id)).status).toBe('paid');
    const done = await merchant.post(`/admin/console/orders/${order.id}/cancel`, {
      _csrf: merchant.csrf,
      reason: 'Customer asked by phone',
    });
    expect(done.headers.location).toBe(`/admin/console/orders/${order.id}?done=order_cancelled`);
    const after = await getOrderForAdmin(sql, order.id);
    expect(after.status).toBe('cancelled');
    expect(after.timeline.some((e) => e.note === 'Customer asked by phone')).toBe(true);
  });

  it('lets an agent read orders but not act on them', async () => {
    const order = await buildPaidOrder(sql);
    const detail = await agent.get(`/admin/console/orders/${order.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(`action="/admin/console/orders/${order.id}/ship"`);
    const ship = await agent.post(`/admin/console/orders/${order.id}/ship`, {
      _csrf: agent.csrf,
      trackingNumber: 'SF1',
    });
    expect(ship.statusCode).toBe(403);
    expect((await agent.get(`/admin/console/orders/${order.id}/cancel`)).statusCode).toBe(403);
    expect((await getOrderForAdmin(sql, order.id)).status).toBe('paid');
  });

  it('refunds a captured payment through the form, once per form', async () => {
    const order = await buildPaidOrder(sql, { viaCard: true });
    const detail = await merchant.get(`/admin/console/orders/${order.id}`);
    expect(detail.body).toContain('•••• 4242');
    const paymentId = detail.body.match(/name="paymentId" value="([^"]+)"/)?.[1];
    const idempotencyKey = detail.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
    expect(paymentId && idempotencyKey).toBeTruthy();
    const form = {
      _csrf: merchant.csrf,
      paymentId: paymentId!,
      idempotencyKey: idempotencyKey!,
      amount: '10.00',
      reason: 'Late',
    };
    const first = await merchant.post(`/admin/console/orders/${order.id}/refund`, form);
    expect(first.headers.location).toBe(`/admin/console/orders/${order.id}?done=payment_refunded`);
    expect((await merchant.post(`/admin/console/orders/${order.id}/refund`, form)).statusCode).toBe(303);
    const [payment] = await sql<
      { refunded_minor: number }[]
    >`select refunded_minor from payments where id = ${paymentId!}`;
    expect(payment?.refunded_minor).toBe(1000);
    const tooMuch = await merchant.post(`/admin/console/orders/${order.id}/refund`, {
      ...form,
      idempotencyKey: 'another-key-123',
      amount: '100000.00',
    });
    expect(tooMuch.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooMuch.body).toContain('role="alert"');
  });

  it('answers an unknown order with a 404 page', async () => {
    const res = await merchant.get('/admin/console/orders/ord_doesnotexist00000');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
