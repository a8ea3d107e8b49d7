/**
 * Issue point 3, "one application layer": the JSON API and the HTML storefront are two doors to
 * the same use cases. Each case below drives both doors (in-process HTTP through the whole app)
 * and shows that a rule, a normalisation, a limit, a total or a side effect no longer depends on
 * the door: the checkout rate limit, the order email and phone, the checkout total, the address
 * and card rules, and the add-to-cart and guest purchase behaviour events.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { addCartItem } from '../src/modules/cart/index.ts';
import { SHANGHAI_ADDRESS } from '../src/modules/checkout/testing.ts';
import { buildCustomer } from '../src/modules/customers/testing.ts';
import { orderActionsFor } from '../src/modules/orders/index.ts';
import { refundableMinor } from '../src/modules/payments/index.ts';
import { buildPaidOrder } from '../src/web/admin/admin-test-support.ts';
import { browser, csrfOf, productInStock } from '../src/web/storefront/storefront-test-helpers.ts';
import {
  DEMO,
  expectProblem,
  guestSession,
  idempotencyKey,
  loginStaff,
} from './security/security-support.ts';
import { createTestApp } from './support.ts';

const { app, sql } = await createTestApp();
beforeEach(async () => {
  await app.deps.rateLimiter.reset();
});

const CARD = {
  cardNumber: '4242 4242 4242 4242',
  expMonth: '12',
  expYear: '2030',
  cvc: '123',
  holder: 'Lin',
};
const ZHEJIANG = {
  recipient: '王小明',
  phone: '13900001111',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line1: '文三路 1 号',
  postalCode: '310000',
};

/** A guest browser with `quantity` of a stocked product in its cart, on the checkout page. */
async function guestAtCheckout(quantity = 1) {
  const shopper = browser(app);
  const { variantId, productId } = await productInStock(sql, quantity + 2);
  const added = await shopper.post('/cart/items', { variantId, quantity: String(quantity) });
  expect(added.statusCode).toBe(303);
  const page = await shopper.get('/checkout');
  expect(page.statusCode).toBe(200);
  const idempotencyKey = page.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  return { shopper, page, variantId, productId, idempotencyKey, csrf: csrfOf(page.body) };
}

/** A guest API client (bearer session) with one unit of a stocked product in its cart. */
async function apiGuestWithCart(headers: Record<string, string> = {}) {
  const guest = await guestSession(app);
  const auth = { authorization: `Bearer ${guest.token}`, ...headers };
  const { variantId, productId } = await productInStock(sql, 3);
  const added = await app.inject({
    method: 'POST',
    url: '/store/cart/items',
    headers: auth,
    payload: { variantId, quantity: 1 },
  });
  expect(added.statusCode, added.body).toBe(200);
  return { auth, variantId, productId };
}

function shownTotalOf(body: string): number {
  return Number(body.match(/name="shownTotalMinor" value="(\d+)"/)?.[1]);
}

async function orderCount(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from orders`;
  return row!.n;
}

describe('the checkout rate limit', () => {
  it('the storefront checkout obeys the same limit as the API: the twenty-first attempt is a 429', async () => {
    const { shopper, csrf, idempotencyKey: key } = await guestAtCheckout();
    // same day delivery does not serve 浙江: every attempt is refused inside order placement
    const attempt = (i: number) =>
      shopper.post('/checkout', {
        _csrf: csrf,
        idempotencyKey: `${key}-${i}`,
        email: 'limit@example.com',
        ...ZHEJIANG,
        deliveryOption: 'same_day',
        paymentMethod: 'alipay',
      });
    for (let i = 0; i < 20; i++) expect((await attempt(i)).statusCode).toBe(400);
    const limited = await attempt(20);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('text/html');
  });
});

describe('order email and phone', () => {
  it('are normalised by order placement whichever door; erasure finds a mixed-case storefront guest order', async () => {
    const { shopper, csrf, idempotencyKey: key } = await guestAtCheckout();
    const email = `Mixed.Case-${randomBytes(4).toString('hex')}@Example.COM`;
    const placed = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey: key,
      email,
      ...ZHEJIANG,
      phone: '+86 139 0000 2222',
      deliveryOption: 'standard',
      ...CARD,
    });
    expect(placed.statusCode, placed.body).toBe(303);
    const orderId = (placed.headers.location as string).match(/\/orders\/(ord_\w+)/)![1]!;
    const [html] = await sql<
      { email: string; phone: string }[]
    >`select email, phone from orders where id = ${orderId}`;
    expect(html).toEqual({ email: email.toLowerCase(), phone: '13900002222' });

    const api = await apiGuestWithCart();
    const res = await app.inject({
      method: 'POST',
      url: '/store/checkout/orders',
      headers: { ...api.auth, 'idempotency-key': idempotencyKey('norm') },
      payload: {
        email: 'Api.Guest@Example.COM',
        phone: '0086 139-0000-3333',
        address: SHANGHAI_ADDRESS,
        deliveryOption: 'standard',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const [viaApi] = await sql<{ email: string; phone: string }[]>`
      select email, phone from orders where id = ${res.json().orderId}`;
    expect(viaApi).toEqual({ email: 'api.guest@example.com', phone: '13900003333' });

    // The same person later has an account (emails are stored lower-case) and deletes it.
    const password = 'a long enough password';
    const { customerId } = await buildCustomer(sql, { email, password });
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { email: email.toLowerCase(), password },
      remoteAddress: '10.77.0.1',
    });
    expect(login.statusCode, login.body).toBe(200);
    const deleted = await app.inject({
      method: 'POST',
      url: '/store/account/delete',
      headers: { authorization: `Bearer ${login.json().token}` },
      payload: { password, confirm: true },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const [erased] = await sql<
      { email: string; phone: string }[]
    >`select email, phone from orders where id = ${orderId}`;
    expect(erased).toEqual({ email: '', phone: '' });
    expect(customerId).toMatch(/^cus_/);
  });

  it('the database refuses an order email or phone in any other form (a door that skips the use case fails)', async () => {
    const { orderId } = await placeApiOrder();
    for (const change of [
      sql`update orders set email = 'Old.Order@Example.COM' where id = ${orderId}`,
      sql`update orders set phone = '138 0013 8000' where id = ${orderId}`,
    ]) {
      await expect(change).rejects.toMatchObject({ code: '23514' });
    }
    const [row] = await sql<
      { email: string; phone: string }[]
    >`select email, phone from orders where id = ${orderId}`;
    expect(row).toEqual({ email: 'guest@example.com', phone: '13800138000' });
  });
});

async function placeApiOrder(body: Record<string, unknown> = {}) {
  const api = await apiGuestWithCart();
  const res = await app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: { ...api.auth, 'idempotency-key': idempotencyKey('order') },
    payload: {
      email: 'guest@example.com',
      phone: '13800138000',
      address: SHANGHAI_ADDRESS,
      deliveryOption: 'standard',
      ...body,
    },
  });
  return { res, orderId: res.json().orderId as string, api };
}

describe('the checkout total', () => {
  it('the page shows the quote’s total, and without JavaScript "update total" shows the chosen delivery’s', async () => {
    const { shopper, page, csrf, idempotencyKey: key } = await guestAtCheckout();
    const quote = (await shopper.get('/store/checkout/quote?deliveryOption=standard')).json();
    expect(shownTotalOf(page.body)).toBe(quote.total.amountMinor);
    const express = (await shopper.get('/store/checkout/quote?deliveryOption=express')).json();
    const updated = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey: key,
      email: 'total@example.com',
      ...ZHEJIANG,
      deliveryOption: 'express',
      shownTotalMinor: String(quote.total.amountMinor),
      intent: 'quote',
    });
    expect(updated.statusCode).toBe(200);
    expect(shownTotalOf(updated.body)).toBe(express.total.amountMinor);
    expect(updated.body).toContain('name="intent" value="quote"');
  });

  it('placing an order for another total than the one shown is a 409 checkout_total_changed in both doors', async () => {
    const { shopper, page, csrf, idempotencyKey: key } = await guestAtCheckout();
    const shown = shownTotalOf(page.body);
    const before = await orderCount();
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey: key,
      email: 'total@example.com',
      ...ZHEJIANG,
      deliveryOption: 'express',
      shownTotalMinor: String(shown),
      ...CARD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('data-testid="checkout-error"');
    const express = (await shopper.get('/store/checkout/quote?deliveryOption=express')).json();
    expect(shownTotalOf(res.body)).toBe(express.total.amountMinor);
    expect(await orderCount()).toBe(before);

    const api = await apiGuestWithCart();
    const refused = await app.inject({
      method: 'POST',
      url: '/store/checkout/orders',
      headers: { ...api.auth, 'idempotency-key': idempotencyKey('total') },
      payload: {
        email: 'guest@example.com',
        phone: '13800138000',
        address: SHANGHAI_ADDRESS,
        deliveryOption: 'express',
        shownTotalMinor: 1,
      },
    });
    const problem = expectProblem(refused, 409, 'checkout_total_changed');
    expect(problem.total).toMatchObject({ currency: 'CNY' });
    expect(await orderCount()).toBe(before);
  });
});

describe('one address rule set', () => {
  const long = '长'.repeat(80);

  it('checkout (API and page) and the address book (API and page) accept and refuse the same addresses', async () => {
    // accepted everywhere: an 80-character recipient
    expect((await placeApiOrder({ address: { ...SHANGHAI_ADDRESS, recipient: long } })).res.statusCode).toBe(
      201,
    );
    const { shopper, csrf, idempotencyKey: key } = await guestAtCheckout();
    const page = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey: key,
      email: 'address@example.com',
      ...ZHEJIANG,
      recipient: long,
      deliveryOption: 'standard',
      ...CARD,
    });
    expect(page.statusCode, page.body.slice(0, 300)).toBe(303);

    const password = 'address book password';
    const { customerId } = await buildCustomer(sql, { password });
    const [{ email }] = (await sql`select email from customers where id = ${customerId}`) as unknown as [
      { email: string },
    ];
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { email, password },
      remoteAddress: '10.77.0.2',
    });
    const auth = { authorization: `Bearer ${login.json().token}` };
    const saved = await app.inject({
      method: 'POST',
      url: '/store/account/addresses',
      headers: auth,
      payload: { ...SHANGHAI_ADDRESS, recipient: long },
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);

    // refused everywhere, on the same field: a postal code that is not digits
    const bad = { ...SHANGHAI_ADDRESS, postalCode: 'SW1A 1AA' };
    const apiCheckout = await placeApiOrder({ address: bad });
    expect(apiCheckout.res.statusCode).toBe(400);
    expect(JSON.stringify(apiCheckout.res.json().errors)).toContain('postalCode');
    const apiBook = await app.inject({
      method: 'POST',
      url: '/store/account/addresses',
      headers: auth,
      payload: bad,
    });
    expect(apiBook.statusCode).toBe(400);
    expect(JSON.stringify(apiBook.json().errors)).toContain('postalCode');
    const again = await guestAtCheckout();
    const pageCheckout = await again.shopper.post('/checkout', {
      _csrf: again.csrf,
      idempotencyKey: again.idempotencyKey,
      email: 'address@example.com',
      ...ZHEJIANG,
      postalCode: 'SW1A 1AA',
      deliveryOption: 'standard',
      ...CARD,
    });
    expect(pageCheckout.statusCode).toBe(400);
    expect(pageCheckout.body).toMatch(/id="f-postalCode"[^>]*aria-invalid="true"/);
    const member = browser(app);
    await member.post('/login', { email, password });
    const book = await member.get('/account/addresses');
    const pageBook = await member.post('/account/addresses', {
      _csrf: csrfOf(book.body),
      ...bad,
    });
    expect(pageBook.statusCode).toBe(400);
  });
});

describe('one card rule set', () => {
  it('the storefront refuses a card the payment rules refuse before placing any order', async () => {
    const { shopper, csrf, idempotencyKey: key } = await guestAtCheckout();
    const before = await orderCount();
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey: key,
      email: 'card@example.com',
      ...ZHEJIANG,
      deliveryOption: 'standard',
      ...CARD,
      cvc: '1234',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="f-cvc"[^>]*aria-invalid="true"/);
    expect(await orderCount()).toBe(before);
  });
});

describe('behaviour events are the use cases’ side effects', () => {
  async function events(shopperKey: string, kind: string) {
    return sql<{ product_id: string }[]>`
      select product_id from behaviour_events where shopper_key = ${shopperKey} and kind = ${kind}`;
  }

  it('addCartItem records the add-to-cart for the visitor, whoever calls it', async () => {
    const shopperKey = `vk_${randomBytes(16).toString('base64url')}`;
    await sql`insert into shopper_keys (key, personalisation, analytics) values (${shopperKey}, true, true)`;
    const { variantId, productId } = await productInStock(sql, 3);
    await addCartItem(
      sql,
      { sessionTokenHash: `hash-${shopperKey}` },
      { variantId, quantity: 1, shopperKey },
    );
    expect((await events(shopperKey, 'add_to_cart')).map((e) => e.product_id)).toEqual([productId]);
  });

  it('a guest purchase is recorded by order placement, also through the API', async () => {
    const visitor = browser(app);
    await visitor.post('/consent', { choice: 'all', returnTo: '/' });
    const shopperKey = visitor.jar.get('lantern_vid')!;
    expect(shopperKey).toMatch(/^vk_/);
    const cookie = [...visitor.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const { orderId, res, api } = await (async () => {
      const guest = await guestSession(app);
      const auth = { authorization: `Bearer ${guest.token}`, cookie };
      const { variantId, productId } = await productInStock(sql, 3);
      await app.inject({
        method: 'POST',
        url: '/store/cart/items',
        headers: auth,
        payload: { variantId, quantity: 1 },
      });
      const placed = await app.inject({
        method: 'POST',
        url: '/store/checkout/orders',
        headers: { ...auth, 'idempotency-key': idempotencyKey('purchase') },
        payload: {
          email: 'p@example.com',
          phone: '13800138000',
          address: SHANGHAI_ADDRESS,
          deliveryOption: 'standard',
        },
      });
      return { orderId: placed.json().orderId, res: placed, api: { productId } };
    })();
    expect(res.statusCode, res.body).toBe(201);
    expect(orderId).toMatch(/^ord_/);
    expect((await events(shopperKey, 'add_to_cart')).map((e) => e.product_id)).toEqual([api.productId]);
    expect((await events(shopperKey, 'purchase')).map((e) => e.product_id)).toEqual([api.productId]);
  });
});

describe('order and refund rules live in their modules', () => {
  it('what may be refunded is payments’ refundableMinor; what may be done with an order is orders’ orderActionsFor', () => {
    expect(refundableMinor({ status: 'captured', amountMinor: 12_000, refundedMinor: 0 })).toBe(12_000);
    expect(refundableMinor({ status: 'partially_refunded', amountMinor: 12_000, refundedMinor: 2_000 })).toBe(
      10_000,
    );
    expect(refundableMinor({ status: 'refunded', amountMinor: 12_000, refundedMinor: 12_000 })).toBe(0);
    expect(refundableMinor({ status: 'failed', amountMinor: 12_000, refundedMinor: 0 })).toBe(0);
    expect(orderActionsFor('pending_payment')).toMatchObject({ canCancel: true, canShip: false });
    expect(orderActionsFor('paid')).toMatchObject({ canCancel: true, canShip: true });
    expect(orderActionsFor('shipped')).toMatchObject({ canCancel: false, canDeliver: true });
  });
});

describe('one tracking number rule', () => {
  it('the API refuses what the console refuses: 4 to 64 letters, digits and dashes', async () => {
    const merchant = await loginStaff(app, DEMO.merchant);
    const order = await buildPaidOrder(sql);
    const ship = (trackingNumber: string) =>
      app.inject({
        method: 'POST',
        url: `/admin/orders/${order.id}/ship`,
        headers: { authorization: `Bearer ${merchant.token}` },
        payload: { trackingNumber },
      });
    for (const bad of ['<x>', 'SF1', 'SF 123 456'])
      expect(JSON.stringify(expectProblem(await ship(bad), 400, 'validation_failed').errors)).toContain(
        'trackingNumber',
      );
    expect((await ship(' SF-123456 ')).statusCode).toBe(200);
    const [row] = await sql<{ tracking_number: string }[]>`
      select tracking_number from orders where id = ${order.id}`;
    expect(row!.tracking_number).toBe('SF-123456');
  });
});
