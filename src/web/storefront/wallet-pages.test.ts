import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/support.ts';
import { browser, csrfOf, productInStock } from './storefront-test-helpers.ts';

// Listening: the sandbox gateway tells the shop of an approval by callback over HTTP.
const { app, sql } = await startTestServer();

const GUEST = {
  email: 'wallet@example.com',
  phone: '13900002222',
  recipient: '王小明',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line1: '文三路 2 号',
  postalCode: '310000',
  deliveryOption: 'standard',
};

/** A guest places an order at checkout choosing a wallet; answers where they were sent. */
async function checkoutWithWallet(paymentMethod: 'alipay' | 'wechat_pay') {
  const shopper = browser(app);
  const { variantId } = await productInStock(sql, 3);
  await shopper.post('/cart/items', { variantId, quantity: '1' });
  const page = await shopper.get('/checkout');
  expect(page.body).toContain(`value="${paymentMethod}" formnovalidate`);
  const idempotencyKey = page.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const placed = await shopper.post('/checkout', {
    ...GUEST,
    idempotencyKey,
    paymentMethod,
    _csrf: csrfOf(page.body),
  });
  expect(placed.statusCode).toBe(303);
  const gateway = new URL(placed.headers.location as string, 'http://shop');
  expect(gateway.pathname).toMatch(/^\/sandbox\/pay\/sbx_[0-9a-z]{20}$/);
  const back = gateway.searchParams.get('return')!;
  expect(back).toMatch(/^\/orders\/ord_\w+\?token=[\w-]+&placed=1&payment=returned$/);
  return { shopper, gatewayPath: gateway.pathname + gateway.search, back };
}

describe('paying with a wallet in the storefront (no JavaScript)', () => {
  it('goes from checkout to the sandbox gateway and back to the order, paid once the callback lands', async () => {
    const { shopper, gatewayPath, back } = await checkoutWithWallet('alipay');
    const gatewayPage = await shopper.get(gatewayPath);
    expect(gatewayPage.statusCode).toBe(200);
    expect(gatewayPage.body).toContain('data-testid="sandbox-banner"');

    // Before the payer acts, the order page waits for the provider and offers the way back to it.
    const waiting = await shopper.get(back);
    expect(waiting.body).toContain('data-testid="payment-awaiting"');
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="3">');
    expect(waiting.body).toContain('data-testid="continue-payment"');

    // The gateway's form is a form on this site: without the session's CSRF token, refused as a page.
    const forged = await shopper.post(gatewayPath, { decision: 'approve', return: back });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
    expect((await shopper.get(back)).body).toContain('data-status="pending_payment"');

    const approved = await shopper.post(gatewayPath, {
      decision: 'approve',
      return: back,
      _csrf: csrfOf(gatewayPage.body),
    });
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(back);
    const paid = await shopper.get(back);
    expect(paid.body).toContain('data-status="paid"');
    expect(paid.body).toContain('data-testid="order-confirmed"');
    expect(paid.body).not.toContain('http-equiv="refresh"');
  });

  it('comes back to an order still awaiting payment when the payer declines, and lets them pay another way', async () => {
    const { shopper, gatewayPath, back } = await checkoutWithWallet('wechat_pay');
    const gatewayPage = await shopper.get(gatewayPath);
    await shopper.post(gatewayPath, { decision: 'decline', return: back, _csrf: csrfOf(gatewayPage.body) });
    const page = await shopper.get(back);
    expect(page.body).toContain('data-status="pending_payment"');
    expect(page.body).toContain('data-testid="payment-not-completed"');
    expect(page.body).not.toContain('http-equiv="refresh"');
    expect(page.body).toContain('data-testid="wallet-form"');

    // Alipay from the order page this time: off to the gateway again, with a new attempt.
    const token = new URL(back, 'http://shop').searchParams.get('token')!;
    const orderId = back.split('?')[0]!.split('/').pop()!;
    const again = await shopper.post(`/orders/${orderId}/pay`, {
      token,
      paymentMethod: 'alipay',
      idempotencyKey: page.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!,
      _csrf: csrfOf(page.body),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toMatch(/^\/sandbox\/pay\/sbx_\w+\?return=/);
    const attempts =
      await sql`select method, status from payments where order_id = ${orderId} order by created_at`;
    expect(attempts.map((a) => [a.method, a.status])).toEqual([
      ['wechat_pay', 'failed'],
      ['alipay', 'pending'],
    ]);
  });
});
