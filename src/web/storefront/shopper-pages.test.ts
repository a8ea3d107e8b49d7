import { describe, expect, it } from 'vitest';
import { createTestApp, latestCode, latestRegistrationToken } from '../../../test/support.ts';
import { DEMO_ACCOUNTS } from '../../demo/seed.ts';
import { browser, csrfOf, productInStock } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });

const CARD = { expMonth: '12', expYear: '2030', cvc: '123', holder: 'Lin Xiaodeng' };
const GUEST = {
  email: 'guest@example.com',
  phone: '13900001111',
  recipient: '王小明',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line1: '文三路 1 号',
  postalCode: '310000',
  deliveryOption: 'standard',
};

/** A guest with one item in the cart, on the checkout page. */
async function guestAtCheckout() {
  const shopper = browser(app);
  const { variantId } = await productInStock(sql, 3);
  const added = await shopper.post('/cart/items', { variantId, quantity: '1' });
  expect(added.statusCode).toBe(303);
  expect(added.headers.location).toBe('/cart');
  const page = await shopper.get('/checkout');
  expect(page.statusCode).toBe(200);
  const idempotencyKey = page.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  return { shopper, page, idempotencyKey, csrf: csrfOf(page.body) };
}

describe('preferences form', () => {
  it('saves language, theme and density in a cookie and redirects back', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'locale=en&theme=dark&density=compact&returnTo=%2Fc%2Fshoes%3Flang%3Dzh-CN',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/c/shoes');
    const cookie = res.cookies.find((c) => c.name === 'lantern_prefs');
    expect(cookie?.value).toBe('en.dark.compact');
    expect(cookie?.httpOnly).toBe(true);
    const page = await app.inject({ url: '/', headers: { cookie: 'lantern_prefs=en.dark.compact' } });
    expect(page.body).toContain('<html lang="en" data-theme="dark" data-density="compact">');
  });

  it('never redirects off the site', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/preferences',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'locale=en&returnTo=%2F%2Fevil.example%2F',
    });
    expect(res.headers.location).toBe('/');
  });
});

describe('cart page', () => {
  it('adds, changes and removes a line through plain form posts', async () => {
    const shopper = browser(app);
    const { variantId } = await productInStock(sql, 3);
    await shopper.post('/cart/items', { variantId, quantity: '2' });
    const cart = await shopper.get('/cart');
    expect(cart.statusCode).toBe(200);
    expect(cart.headers['cache-control']).toBe('private, no-store');
    expect(cart.body.match(/data-testid="cart-line"/g)?.length).toBe(1);
    expect(cart.body).toMatch(/name="quantity" value="2"/);
    const csrf = csrfOf(cart.body);
    expect(csrf).not.toBe('');
    const updated = await shopper.post(`/cart/items/${variantId}`, { _csrf: csrf, quantity: '3' });
    expect(updated.statusCode).toBe(303);
    expect((await shopper.get('/cart')).body).toMatch(/name="quantity" value="3"/);
    await shopper.post(`/cart/items/${variantId}/remove`, { _csrf: csrf });
    expect((await shopper.get('/cart')).body).toContain('data-testid="empty-cart"');
  });

  it('answers the enhanced add-to-cart with JSON including the new session CSRF token', async () => {
    const shopper = browser(app);
    const { variantId } = await productInStock(sql, 3);
    const res = await shopper.post(
      '/cart/items',
      { variantId, quantity: '1' },
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.count).toBe(1);
    expect(body.csrfToken).toMatch(/.{20,}/);
  });

  it('refuses a cookie-authenticated form without the CSRF token, with an HTML page', async () => {
    const shopper = browser(app);
    const { variantId } = await productInStock(sql, 3);
    await shopper.post('/cart/items', { variantId, quantity: '1' });
    const res = await shopper.post(`/cart/items/${variantId}`, { quantity: '5' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('表单已过期');
    expect((await shopper.get('/cart')).body).toMatch(/name="quantity" value="1"/);
  });

  it('shows why an add failed (more than the stock) on the cart page', async () => {
    const shopper = browser(app);
    const { variantId } = await productInStock(sql, 1);
    const res = await shopper.post('/cart/items', { variantId, quantity: '99' });
    expect(res.statusCode).toBe(303);
    const cart = await shopper.get('/cart');
    expect(cart.body).toContain('class="notice"');
  });
});

describe('guest checkout', () => {
  it('places and pays an order in one submit, then shows it with its timeline', async () => {
    const { shopper, idempotencyKey, csrf, page } = await guestAtCheckout();
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('4242 4242 4242 4242');
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      cardNumber: '4242 4242 4242 4242',
      ...CARD,
    });
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/orders\/ord_\w+\?token=[\w-]+&placed=1&payment=paid$/);
    const order = await shopper.get(location);
    expect(order.statusCode).toBe(200);
    expect(order.headers['cache-control']).toBe('private, no-store');
    expect(order.body).toContain('data-testid="order-confirmed"');
    expect(order.body).toContain('data-status="paid"');
    expect(order.body).toContain('data-testid="order-timeline"');
    // The same order without its token is nobody's business.
    const bare = await browser(app).get(location.split('?')[0]!);
    expect(bare.statusCode).toBe(404);
    const wrong = await browser(app).get(`${location.split('?')[0]}?token=wrong`);
    expect(wrong.statusCode).toBe(404);
  });

  it('places one order when the same form is submitted twice', async () => {
    const { shopper, idempotencyKey, csrf } = await guestAtCheckout();
    const form = { _csrf: csrf, idempotencyKey, ...GUEST, cardNumber: '4242424242424242', ...CARD };
    const first = await shopper.post('/checkout', form);
    const second = await shopper.post('/checkout', form);
    const id = (r: typeof first) => (r.headers.location as string).match(/ord_\w+/)?.[0];
    expect(id(first)).toBeDefined();
    expect(id(second)).toBe(id(first));
  });

  it('keeps the order pending after a declined card and lets the shopper pay again', async () => {
    const { shopper, idempotencyKey, csrf } = await guestAtCheckout();
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      cardNumber: '4000 0000 0000 0002',
      ...CARD,
    });
    const location = res.headers.location as string;
    expect(location).toContain('payment=declined');
    const order = await shopper.get(location);
    expect(order.body).toContain('data-testid="payment-declined"');
    expect(order.body).toContain('data-status="pending_payment"');
    const payKey = order.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const token = new URL(location, 'http://x').searchParams.get('token')!;
    const orderId = location.match(/ord_\w+/)![0];
    const paid = await shopper.post(`/orders/${orderId}/pay`, {
      _csrf: csrfOf(order.body),
      token,
      idempotencyKey: payKey,
      cardNumber: '4242 4242 4242 4242',
      ...CARD,
    });
    expect(paid.headers.location).toContain('payment=paid');
    expect((await shopper.get(paid.headers.location as string)).body).toContain('data-status="paid"');
  });

  it('re-shows the form with the fields to fix, never echoing the card number', async () => {
    const { shopper, idempotencyKey, csrf } = await guestAtCheckout();
    const res = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      ...GUEST,
      email: 'not-an-email',
      cardNumber: '4242 4242 4242 4242',
      ...CARD,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="checkout-error"');
    expect(res.body).toContain('邮箱');
    expect(res.body).toContain('value="王小明"');
    expect(res.body).not.toContain('4242 4242 4242 4242"');
  });
});

describe('pages in both languages', () => {
  it('renders cart, checkout, login and register with the shopper language', async () => {
    const shopper = browser(app);
    const { variantId } = await productInStock(sql, 3);
    await shopper.post('/cart/items', { variantId, quantity: '1' });
    const expectations: [string, string, string][] = [
      ['/cart', '去结算', 'Check out'],
      ['/checkout', '提交订单并支付', 'Place order and pay'],
      ['/login', '手机验证码登录', 'With phone and a one-time code'],
      ['/register', '注册账户', 'Create an account'],
    ];
    for (const [url, zh, en] of expectations) {
      shopper.jar.set('lantern_prefs', 'zh-CN.system.comfortable');
      const zhPage = await shopper.get(url);
      expect(zhPage.statusCode, url).toBe(200);
      expect(zhPage.body, url).toContain(zh);
      shopper.jar.set('lantern_prefs', 'en.light.comfortable');
      const enPage = await shopper.get(url);
      expect(enPage.body, url).toContain(en);
      expect(enPage.body, url).toContain('<html lang="en" data-theme="light"');
    }
  });

  it('explains a failed add-to-cart in the shopper language', async () => {
    const shopper = browser(app);
    shopper.jar.set('lantern_prefs', 'en.system.comfortable');
    const { variantId } = await productInStock(sql, 1);
    const res = await shopper.post(
      '/cart/items',
      { variantId, quantity: '99' },
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/stock|99/);
  });
});

describe('signed-in shopper', () => {
  it('logs in with a password, checks out with a saved address and sees the order in the account', async () => {
    const shopper = browser(app);
    const login = await shopper.get('/login');
    expect(login.headers['cache-control']).toBe('private, no-store');
    const res = await shopper.post('/login', {
      _csrf: csrfOf(login.body),
      email: DEMO_ACCOUNTS.shopper.email,
      password: DEMO_ACCOUNTS.shopper.password,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const { variantId } = await productInStock(sql, 3);
    const account = await shopper.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.headers['cache-control']).toBe('private, no-store');
    let csrf = csrfOf(account.body);
    await shopper.post('/cart/items', { _csrf: csrf, variantId, quantity: '1' });
    const checkout = await shopper.get('/checkout');
    expect(checkout.body).toContain('name="savedAddressId"');
    csrf = csrfOf(checkout.body);
    const savedAddressId = checkout.body.match(/name="savedAddressId" value="(adr_\w+)"/)![1]!;
    const idempotencyKey = checkout.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const placed = await shopper.post('/checkout', {
      _csrf: csrf,
      idempotencyKey,
      email: DEMO_ACCOUNTS.shopper.email,
      phone: DEMO_ACCOUNTS.shopper.phone,
      savedAddressId,
      deliveryOption: 'express',
      cardNumber: '4242424242424242',
      ...CARD,
    });
    expect(placed.headers.location).toMatch(/^\/orders\/ord_\w+\?placed=1&payment=paid$/);
    const orderId = (placed.headers.location as string).match(/ord_\w+/)![0];
    const orders = await shopper.get('/account/orders');
    expect(orders.body).toContain(`/orders/${orderId}`);
    expect((await shopper.get(`/orders/${orderId}`)).statusCode).toBe(200);
    const out = await shopper.post('/logout', { _csrf: csrfOf(orders.body) });
    expect(out.headers.location).toBe('/');
    expect((await shopper.get('/account')).headers.location).toBe('/login?next=%2Faccount');
    expect((await shopper.get(`/orders/${orderId}`)).statusCode).toBe(404);
  });

  it('logs in with a phone and a one-time code in two steps', async () => {
    const shopper = browser(app);
    const phone = DEMO_ACCOUNTS.shopper.phone;
    const asked = await shopper.post('/login/code/request', { phone });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('data-testid="code-login-form"');
    const code = await latestCode(app, phone);
    const wrong = await shopper.post('/login/code', { phone, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    const res = await shopper.post('/login/code', { phone, code });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect((await shopper.get('/account')).statusCode).toBe(200);
  });

  it('shows one message for a wrong password', async () => {
    const res = await browser(app).post('/login', {
      email: DEMO_ACCOUNTS.shopper.email,
      password: 'nope-nope',
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('data-testid="login-error"');
  });

  it('registers, manages addresses and saves preferences to the account', async () => {
    const shopper = browser(app);
    const asked = await shopper.post('/register', {
      name: 'Test 测试',
      email: 'new-shopper@example.com',
      password: 'long-enough-1',
    });
    expect(asked.body).toContain('data-testid="register-check-email"');
    // the emailed link opens a page whose button finishes the account
    const token = await latestRegistrationToken(app, 'new-shopper@example.com');
    const opened = await shopper.get(`/register/confirm?token=${token}`);
    expect(opened.body).toContain('data-testid="confirm-registration"');
    const reg = await shopper.post('/register/confirm', { token });
    expect(reg.headers.location).toBe('/account');
    const page = await shopper.get('/account/addresses');
    const csrf = csrfOf(page.body);
    const saved = await shopper.post('/account/addresses', {
      _csrf: csrf,
      recipient: '<b>李四</b>',
      phone: '13700001234',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      line1: '科技园 2 号',
      postalCode: '518000',
    });
    expect(saved.statusCode).toBe(303);
    const list = await shopper.get('/account/addresses');
    expect(list.body).toContain('&lt;b&gt;李四&lt;/b&gt;');
    const addressId = list.body.match(/\/account\/addresses\/(adr_\w+)\/delete/)![1]!;
    await shopper.post(`/account/addresses/${addressId}/delete`, { _csrf: csrf });
    expect((await shopper.get('/account/addresses')).body).not.toContain(addressId);
    await shopper.post('/preferences', {
      _csrf: csrf,
      locale: 'en',
      theme: 'dark',
      returnTo: '/account/preferences?saved=1',
    });
    const [row] = await sql<{ locale: string; theme: string }[]>`
      select locale, theme from customers where email = 'new-shopper@example.com'`;
    expect(row).toEqual({ locale: 'en', theme: 'dark' });
  });

  it('sends guests from account pages to the login page', async () => {
    const res = await app.inject({ url: '/account/addresses' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount%2Faddresses');
  });
});
