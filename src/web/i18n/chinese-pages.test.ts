/**
 * A Chinese page shows no English system text. The main storefront and console pages are rendered
 * in 简体中文, including forms with errors and an order whose timeline holds every entry type (a
 * failed payment, a cancellation after payment, a refund…), and each is searched for English
 * catalogue sentences, zod's default messages and the modules' developer messages; then, without
 * any list of known sentences, for any run of Latin words that is not the shop's data (decision
 * 0018). Every request says it prefers 简体中文 (Accept-Language); the pages include the
 * development outbox with the messages sent, the event queue with failed tasks and the page a
 * browser gets while the database is away.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/free-port.ts';
import { buildTestApp, createTestApp, latestRegistrationToken } from '../../../test/support.ts';
import { connect, withTransaction } from '../../app/database.ts';
import { addOrderEvent, expireUnpaidOrders } from '../../modules/orders/index.ts';
import { type Browser, buildPaidOrder, buildStaff, signIn } from '../admin/admin-test-support.ts';
import { csrfOf, browser as plainBrowser, productInStock } from '../storefront/storefront-test-helpers.ts';
import { englishTextFinder, latinRunFinder, visibleTexts } from './untranslated-text-test-support.ts';

// The development outbox lets the test open a registration link (its banner is catalogue text too).
const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });
const finder = englishTextFinder();

/** What a browser set to Chinese sends: 简体中文 first, English as a fallback. */
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

/** A shopper's browser that prefers 简体中文 on every request. */
function browser(app: Parameters<typeof plainBrowser>[0]) {
  const b = plainBrowser(app);
  return {
    ...b,
    get: (url: string, headers: Record<string, string> = {}) => b.get(url, { ...ZH, ...headers }),
    post: (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      b.post(url, form, { ...ZH, ...headers }),
  };
}

/** Latin words the test itself types into forms: data, not system text. */
const TYPED = ['Lin Xiaodeng', 'Bad Code', 'bad sku', 'not a line', 'wrong-one', 'zh-pages'];

const CARD = { expMonth: '12', expYear: '2030', cvc: '123', holder: 'Lin Xiaodeng' };
const ADDRESS = {
  email: 'zh-pages@example.com',
  phone: '13900002222',
  recipient: '王小明',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line1: '文三路 1 号',
  postalCode: '310000',
  deliveryOption: 'standard',
};

/** Every page rendered, by what it is. */
const pages = new Map<string, LightMyRequestResponse>();
let merchant: Browser;

function keep(name: string, res: LightMyRequestResponse) {
  expect(res.headers['content-type'], name).toContain('text/html');
  pages.set(name, res);
}

/** A guest's order paid after a declined card, then cancelled by staff and refunded. */
async function orderWithEventfulTimeline(shopper: ReturnType<typeof browser>) {
  const checkout = await shopper.get('/checkout');
  const idempotencyKey = checkout.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
  const declined = await shopper.post('/checkout', {
    _csrf: csrfOf(checkout.body),
    idempotencyKey,
    ...ADDRESS,
    cardNumber: '4000 0000 0000 0002',
    ...CARD,
  });
  const location = declined.headers.location as string;
  const orderId = location.match(/ord_\w+/)![0];
  const token = new URL(location, 'http://x').searchParams.get('token')!;
  const pending = await shopper.get(location);
  keep('order page, card declined', pending);
  keep(
    'order page, pay form with errors',
    await shopper.post(`/orders/${orderId}/pay`, {
      _csrf: csrfOf(pending.body),
      token,
      idempotencyKey: 'zh-pages-bad-card',
      cardNumber: '1',
      expMonth: '13',
      expYear: 'x',
      cvc: '',
      holder: '',
    }),
  );
  const paid = await shopper.post(`/orders/${orderId}/pay`, {
    _csrf: csrfOf(pending.body),
    token,
    idempotencyKey: 'zh-pages-good-card',
    cardNumber: '4242 4242 4242 4242',
    ...CARD,
  });
  expect(paid.headers.location).toContain('payment=paid');
  const detail = await merchant.get(`/admin/console/orders/${orderId}`);
  const paymentId = detail.body.match(/name="paymentId" value="(pay_\w+)"/)![1]!;
  const refund = await merchant.post(`/admin/console/orders/${orderId}/refund`, {
    _csrf: merchant.csrf,
    paymentId,
    idempotencyKey: 'zh-pages-refund',
    amount: '1.00',
    reason: '顾客要求',
  });
  expect(refund.statusCode, refund.body).toBe(303);
  const cancelled = await merchant.post(`/admin/console/orders/${orderId}/cancel`, {
    _csrf: merchant.csrf,
    reason: '顾客来电取消',
  });
  expect(cancelled.statusCode, cancelled.body).toBe(303);
  // The entry types no single journey reaches, so the page shows every one of them.
  await withTransaction(sql, async (tx) => {
    await addOrderEvent(tx, orderId, {
      type: 'payment.captured_late',
      params: { paymentId: 'pay_late', orderStatus: 'cancelled' },
      actor: 'provider:sandbox',
    });
    await addOrderEvent(tx, orderId, {
      type: 'payment.failed',
      params: { paymentId: 'pay_wallet', method: 'wechat_pay', failureCode: 'cancelled_by_shopper' },
      actor: 'provider:sandbox',
    });
  });
  return { orderId, location };
}

/** Dead letters of the shop's own tasks, as a failing search index would leave them. */
async function failedEventsOfRealTasks() {
  for (const [consumer, type] of [
    ['search-index', 'product.updated'],
    ['recommendations.behaviour', 'order.placed'],
  ] as const)
    await sql`insert into dead_letter_events (id, consumer, event_id, event_type, aggregate_id, payload,
        event_created_at, error, attempts, first_failed_at, last_failed_at)
      values (${`dle_zh_${consumer}`}, ${consumer}, 1, ${type}, 'prod_zh', '{}', now(),
        'Error: connection reset by peer', 5, now(), now())`;
}

/** The page a browser gets from an instance whose database does not answer. */
async function unavailablePage() {
  const away = connect(`postgres://nobody:secret@127.0.0.1:${await freePort()}/none`, { log: () => {} });
  const instance = await buildTestApp(away);
  return instance.inject({ url: '/', headers: { accept: 'text/html', ...ZH } });
}

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  const shopper = browser(app);
  const { slug, variantId } = await productInStock(sql, 3);
  const [category] = await sql<{ slug: string }[]>`
    select c.slug from categories c join products p on p.category_id = c.id
     where p.status = 'published' order by c.slug limit 1`;

  keep('home', await shopper.get('/'));
  keep('category listing', await shopper.get(`/c/${category!.slug}`));
  keep('search', await shopper.get('/search?q=%E8%80%B3%E6%9C%BA'));
  keep('search without hits', await shopper.get('/search?q=zzzqqq'));
  keep('product', await shopper.get(`/p/${slug}`));
  keep('empty cart', await shopper.get('/cart'));
  await shopper.post('/cart/items', { variantId, quantity: '1' });
  const cartCsrf = csrfOf((await shopper.get('/cart')).body);
  const tooMany = await shopper.post('/cart/items', { _csrf: cartCsrf, variantId, quantity: '99' });
  expect(tooMany.statusCode).toBe(303);
  keep('cart after a failed add', await shopper.get(tooMany.headers.location as string));
  const checkout = await shopper.get('/checkout');
  keep('checkout', checkout);
  keep(
    'checkout with errors',
    await shopper.post('/checkout', {
      _csrf: csrfOf(checkout.body),
      idempotencyKey: 'zh-pages-invalid',
      ...ADDRESS,
      email: 'nope',
      phone: '1',
      recipient: '',
      postalCode: 'x',
      deliveryOption: 'teleport',
      cardNumber: '42',
      ...CARD,
    }),
  );

  const { orderId, location } = await orderWithEventfulTimeline(shopper);
  keep('order page with every timeline entry', await shopper.get(location.replace(/&payment=\w+/, '')));
  keep('admin order page with every timeline entry', await merchant.get(`/admin/console/orders/${orderId}`));

  const expiring = await productInStock(sql, 2);
  const guest = browser(app);
  await guest.post('/cart/items', { variantId: expiring.variantId, quantity: '1' });
  const form = await guest.get('/checkout');
  const placed = await guest.post('/checkout', {
    _csrf: csrfOf(form.body),
    idempotencyKey: 'zh-pages-expiring',
    ...ADDRESS,
    cardNumber: '4000 0000 0000 9995',
    ...CARD,
  });
  const expiredId = (placed.headers.location as string).match(/ord_\w+/)![0];
  await sql`update orders set payment_due_at = now() - interval '1 minute' where id = ${expiredId}`;
  await expireUnpaidOrders(sql);
  keep(
    'order page, expired',
    await guest.get((placed.headers.location as string).replace(/&payment=\w+/, '')),
  );

  const shipped = await buildPaidOrder(sql);
  await merchant.post(`/admin/console/orders/${shipped.id}/ship`, {
    _csrf: merchant.csrf,
    trackingNumber: 'SF1234567890',
  });
  await merchant.post(`/admin/console/orders/${shipped.id}/deliver`, { _csrf: merchant.csrf });
  await merchant.post(`/admin/console/orders/${shipped.id}/complete`, { _csrf: merchant.csrf });
  keep('admin order page, completed', await merchant.get(`/admin/console/orders/${shipped.id}`));

  const account = browser(app);
  keep('register with errors', await account.post('/register', { name: '', email: 'x', password: 'y' }));
  keep(
    'register, check your email',
    await account.post('/register', {
      name: '林小灯',
      email: 'zh-account@example.com',
      password: 'long-enough-1',
    }),
  );
  const registration = await latestRegistrationToken(app, 'zh-account@example.com');
  keep('register, confirm', await account.get(`/register/confirm?token=${registration}`));
  await account.post('/register/confirm', { token: registration });
  keep('account orders', await account.get('/account'));
  const addresses = await account.get('/account/addresses');
  keep('account addresses', addresses);
  keep(
    'account addresses with errors',
    await account.post('/account/addresses', {
      _csrf: csrfOf(addresses.body),
      recipient: '长'.repeat(101),
      phone: 'x',
      province: '',
      city: '',
      line1: '',
    }),
  );
  keep('account preferences', await account.get('/account/preferences'));
  keep('privacy', await account.get('/privacy'));
  keep('interests', await account.get('/interests'));
  const visitor = browser(app);
  keep('login', await visitor.get('/login'));
  keep(
    'login with a wrong password',
    await visitor.post('/login', { email: 'a@b.c', password: 'wrong-one' }),
  );
  keep('login code with a bad phone', await visitor.post('/login/code/request', { phone: 'abc' }));
  keep('not found', await visitor.get('/no-such-page', { accept: 'text/html' }));
  keep('expired form', await account.post('/account/addresses', { recipient: '王' }));

  const [product] = await sql<{ id: string }[]>`select id from products order by id limit 1`;
  const stock = await buildPaidOrder(sql);
  keep('admin dashboard', await merchant.get('/admin'));
  keep('admin products', await merchant.get('/admin/console/products'));
  keep('admin new product', await merchant.get('/admin/console/products/new'));
  keep(
    'admin product form with errors',
    await merchant.post('/admin/console/products', {
      _csrf: merchant.csrf,
      titleZh: '',
      titleEn: '',
      categoryId: '',
      attributes: 'not a line',
      'option.0.code': 'Bad Code',
      'option.0.nameZh': '颜色',
      'option.0.values': 'broken',
      'variant.0.sku': 'bad sku!',
      'variant.0.price': 'cheap',
      'variant.0.compareAt': 'x',
      'variant.0.weight': '1.5',
    }),
  );
  keep('admin product edit', await merchant.get(`/admin/console/products/${product!.id}`));
  keep('admin inventory', await merchant.get('/admin/console/inventory'));
  keep('admin inventory low stock', await merchant.get('/admin/console/inventory?low=1'));
  const [variant] = await sql<{ id: string; product_id: string }[]>`
    select id, product_id from variants order by id limit 1`;
  const [warehouse] = await sql<{ id: string }[]>`select id from warehouses order by id limit 1`;
  keep(
    'admin inventory adjust with errors',
    await merchant.post(`/admin/console/inventory/products/${variant!.product_id}/adjust`, {
      _csrf: merchant.csrf,
      variantId: variant!.id,
      warehouseId: warehouse!.id,
      delta: '0',
      reason: 'nonsense',
      note: '',
    }),
  );
  keep(
    'admin inventory adjust beyond stock',
    await merchant.post(`/admin/console/inventory/products/${variant!.product_id}/adjust`, {
      _csrf: merchant.csrf,
      variantId: variant!.id,
      warehouseId: warehouse!.id,
      delta: '-99999',
      reason: 'damage',
      note: '',
    }),
  );
  keep('admin orders', await merchant.get('/admin/console/orders'));
  keep(
    'admin ship with errors',
    await merchant.post(`/admin/console/orders/${stock.id}/ship`, {
      _csrf: merchant.csrf,
      trackingNumber: '<x>',
    }),
  );
  keep(
    'admin illegal order move',
    await merchant.post(`/admin/console/orders/${stock.id}/complete`, { _csrf: merchant.csrf }),
  );
  keep(
    'admin cancel without a reason',
    await merchant.post(`/admin/console/orders/${stock.id}/cancel`, { _csrf: merchant.csrf, reason: '' }),
  );
  keep(
    'admin refund with errors',
    await merchant.post(`/admin/console/orders/${orderId}/refund`, {
      _csrf: merchant.csrf,
      paymentId: 'pay_nope',
      idempotencyKey: 'zh-pages-refund-bad',
      amount: 'lots',
      reason: '',
    }),
  );
  keep('admin customers', await merchant.get('/admin/console/customers'));
  const [customer] = await sql<{ id: string }[]>`select id from customers order by id limit 1`;
  keep('admin customer', await merchant.get(`/admin/console/customers/${customer!.id}`));
  keep('admin interests', await merchant.get('/admin/console/interests'));
  keep('admin experiments', await merchant.get('/admin/console/experiments'));
  keep(
    'admin experiment with errors',
    await merchant.post('/admin/console/experiments', {
      _csrf: merchant.csrf,
      name: '',
      placement: 'nowhere',
      strategyA: 'popular',
      strategyB: 'popular',
      shareB: '150',
    }),
  );
  keep('admin event queue', await merchant.get('/admin/console/event-queue'));
  await failedEventsOfRealTasks();
  keep('admin event queue with failed events', await merchant.get('/admin/console/event-queue'));
  await visitor.post('/login/code/request', { phone: '13900003333' });
  keep('development outbox', await visitor.get('/dev/outbox'));
  keep('database unavailable', await unavailablePage());
  keep('admin unknown page', await merchant.get('/admin/console/orders/ord_nope'));
  keep(
    'admin login with a wrong password',
    await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: 'email=a%40b.c&password=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
  );
}, 120_000);

describe('pages in 简体中文', () => {
  it('are rendered in Chinese, with the errors and timeline entries the scenario set out to show', () => {
    for (const [name, res] of pages) expect(res.body, name).toContain('lang="zh-CN"');
    const timeline = pages.get('order page with every timeline entry')!.body;
    for (const text of [
      '订单已提交',
      '银行卡支付失败：银行卡被拒绝',
      '微信支付支付失败：顾客取消了支付',
      '订单在支付后取消，已付款项待退还',
      '订单已取消后才收到付款，款项待退还',
      '已退款 ¥1.00',
    ])
      expect(timeline, text).toContain(text);
    expect(pages.get('order page, expired')!.body).toContain('未按时支付，订单已自动取消');
    const admin = pages.get('admin order page, completed')!.body;
    expect(admin).toContain('已发货，运单号 SF1234567890');
    expect(admin).toContain('订单已完成');
    expect(pages.get('admin order page with every timeline entry')!.body).toContain('顾客来电取消');
    expect(pages.get('checkout with errors')!.body).toContain('请输入有效的邮箱地址。');
    expect(pages.get('admin product form with errors')!.body).toContain('英文标题：请填写此项。');
  });

  it('show no English system text', () => {
    const found = [...pages].flatMap(([name, res]) =>
      finder.find(res.body).map((f) => `${name}: “${f.found}” in “${f.text.slice(0, 120)}”`),
    );
    expect(found).toEqual([]);
  });
});

describe('pages in 简体中文, searched for any Latin words', () => {
  it("show no run of Latin words but the shop's data and a few names", async () => {
    // Every string of the catalogue's and warehouses' rows (both languages: console forms show
    // both), so product names, brands, option values and SKUs pass, and nothing else does.
    const data = await sql<{ s: string }[]>`
      select distinct v #>> '{}' as s
        from (select to_jsonb(x) j from products x union all select to_jsonb(x) from brands x
              union all select to_jsonb(x) from categories x union all select to_jsonb(x) from variants x
              union all select to_jsonb(x) from product_options x union all select to_jsonb(x) from warehouses x
              union all select to_jsonb(x) from staff_users x union all select to_jsonb(x) from customers x) rows,
             jsonb_path_query(j, 'strict $.**') v
       where jsonb_typeof(v) = 'string'`;
    const runs = latinRunFinder([...data.map((r) => r.s), ...TYPED]);
    const found = [...pages].flatMap(([name, res]) =>
      runs.find(res.body).map((f) => `${name}: “${f.run}” in “${f.text.slice(0, 120)}”`),
    );
    expect(found).toEqual([]);
  });

  it('finds English sentences the known-text finder does not know', () => {
    const runs = latinRunFinder(['Sony WH-1000XM5 无线降噪耳机']);
    const page = (text: string) => `<html lang="zh-CN"><body><p>${text}</p></body></html>`;
    expect(runs.find(page('Your Lantern login code is 123456.'))).not.toEqual([]);
    expect(runs.find(page('search-index'))).not.toEqual([]);
    expect(runs.find(page('Sony WH Add to cart'))).not.toEqual([]);
    expect(runs.find(page('Sony WH-1000XM5 无线降噪耳机 · ¥1,299.00 · SKU-1'))).toEqual([]);
    expect(runs.find(page('<pre lang="en">Error: connection reset</pre>'))).toEqual([]);
  });
});

describe('the English-text finder', () => {
  const page = (text: string) => `<html lang="zh-CN"><body><p>${text}</p></body></html>`;

  it('finds catalogue English, zod messages, developer messages and the old timeline notes', () => {
    for (const text of [
      'Payment pay_123 failed: card_declined.',
      'Cancelled after payment: refund the captured amount.',
      'Too small: expected string to have >=1 characters',
      'Invalid email address',
      '英文标题: is required',
      'Add to cart',
      'Filter',
      '下单失败：There is not enough stock for that quantity.',
      '(provider:sandbox)',
    ])
      expect(finder.find(page(text)), text).not.toEqual([]);
    expect(finder.find('<input type="text" placeholder="Search products, brands…">')).not.toEqual([]);
  });

  it('leaves brands, SKUs, product names and Chinese text alone', () => {
    for (const text of [
      'Lantern 灯笼',
      'SKU',
      'SKU-ABC123-BK',
      'Apple iPhone 15 Pro 256GB',
      'Sony WH-1000XM5 无线降噪耳机',
      '每行请写成：代码 | 名称 | Name | 值 | Value。',
      'English',
      'visa •••• 4242',
      '¥1,299.00',
    ])
      expect(finder.find(page(text)), text).toEqual([]);
    expect(visibleTexts('<script>const s = "Add to cart";</script><p>加入购物车</p>')).toEqual([
      '加入购物车',
    ]);
  });
});
