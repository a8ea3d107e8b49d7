/**
 * Test helpers for the console: staff accounts, a signed-in browser (cookie + CSRF token read
 * from the page, as a browser would), form posts, and a paid order to act on.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../app/config.ts';
import type { Sql } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { hashPassword, type StaffRole } from '../../modules/identity/index.ts';
import { createOrder, markOrderPaid } from '../../modules/orders/index.ts';
import { createPaymentProviders, payOrder } from '../../modules/payments/index.ts';

export const STAFF_PASSWORD = 'correct horse battery staple';

/** Inserts an active staff user with `STAFF_PASSWORD`; returns the email. */
export async function buildStaff(sql: Sql, role: StaffRole): Promise<string> {
  const email = `${role}-${newId('stf').slice(4, 12)}@example.test`;
  await sql`insert into staff_users (id, email, name, role, password_hash)
    values (${newId('stf')}, ${email}, ${`Test ${role}`}, ${role}, ${await hashPassword(STAFF_PASSWORD)})`;
  return email;
}

export interface Browser {
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Signs in through the login form and returns a cookie jar of one cookie plus the CSRF token. */
export async function signIn(app: FastifyInstance, email: string): Promise<Browser> {
  const login = await app.inject({
    method: 'POST',
    url: '/admin/login',
    payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const staff = login.cookies.find((c) => c.name === 'lantern_staff');
  if (login.statusCode !== 303 || !staff)
    throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  const cookie = `lantern_staff=${staff.value}`;
  const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on the page');
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, fields) =>
      app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      }),
  };
}

/** A minimal product with one variant, written straight to the catalog tables (test data only). */
export async function buildVariant(sql: Sql): Promise<{ productId: string; variantId: string; sku: string }> {
  const categoryId = newId('cat');
  const productId = newId('prod');
  const variantId = newId('var');
  const sku = `SKU-${variantId.slice(4, 12)}`;
  await sql`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${categoryId}, '测试', 'Test')`;
  await sql`insert into products (id, slug, status, title_zh, title_en, category_id, min_price_minor, max_price_minor)
    values (${productId}, ${productId}, 'published', '测试商品', 'Test product', ${categoryId}, 9900, 9900)`;
  await sql`insert into variants (id, product_id, sku, price_minor) values (${variantId}, ${productId}, ${sku}, 9900)`;
  return { productId, variantId, sku };
}

/**
 * A paid order of one line, placed by a guest: marked paid directly, or (`viaCard`) paid with the
 * sandbox test card through the payments module, so it has a captured payment to refund.
 */
export async function buildPaidOrder(
  sql: Sql,
  options: { viaCard?: boolean } = {},
): Promise<{ id: string; number: string }> {
  const { productId, variantId, sku } = await buildVariant(sql);
  const id = newId('ord');
  const order = await (sql.begin(async (tx) => {
    const created = await createOrder(tx, {
      id,
      customerId: null,
      email: 'guest@example.test',
      phone: '13800000000',
      currency: 'CNY',
      subtotalMinor: 9900,
      shippingMinor: 1000,
      discountMinor: 0,
      totalMinor: 10900,
      shippingAddress: {
        recipient: '王小明',
        phone: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        line1: '文三路 1 号',
        postalCode: '310000',
      },
      deliveryOption: 'standard',
      locale: 'zh-CN',
      paymentDueMinutes: 30,
      lines: [
        {
          productId,
          variantId,
          sku,
          title: { zh: '测试商品', en: 'Test product' },
          variantLabel: { zh: '', en: '' },
          image: null,
          unitPriceMinor: 9900,
          quantity: 1,
        },
      ],
      actor: 'guest',
    });
    if (!options.viaCard) await markOrderPaid(tx, id, { actor: 'provider:sandbox', paymentId: 'pay_test' });
    return { id, number: created.number, accessToken: created.accessToken };
  }) as Promise<{ id: string; number: string; accessToken: string }>);
  if (options.viaCard) {
    const paymentProviders = createPaymentProviders({ sql, config: loadConfig({}) });
    await payOrder(
      { sql, paymentProviders },
      {
        orderId: order.id,
        access: { accessToken: order.accessToken },
        method: 'card',
        card: { number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123', holder: 'Wang' },
        idempotencyKey: newId('pay'),
      },
    );
  }
  return { id: order.id, number: order.number };
}
