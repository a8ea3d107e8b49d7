import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../../test/cookie-jar.ts';
import { createTestApp, latestRegistrationToken } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';
import { buildStockedVariant } from '../inventory/testing.ts';
import { recordMessage } from '../notifications/index.ts';
import { recordPurchaseEvents, SHOPPER_KEY_COOKIE } from '../recommendations/index.ts';

let app: FastifyInstance;
let sql: Sql;

beforeAll(async () => {
  ({ app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } })); // the development outbox holds the registration links
  await recordPurchaseEvents(sql); // a consumer starts at its first run: start it before any order
});

const PASSWORD = 'quiet lantern 42';

/** A customer with distinctive identifiers, an address, events, two orders and messages. */
async function buildShopper(tag: string) {
  const email = `zephyrine.${tag}@example.org`;
  const name = `Zephyrine Quillfeather-${tag}`;
  const phone = `1399${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const jar = new CookieJar();
  const send = async (method: string, url: string, payload?: unknown) => {
    const csrf = jar.get('csrf');
    const res = jar.store(
      await app.inject({
        method: method as 'GET',
        url,
        headers: {
          cookie: jar.header(),
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
          ...(url === '/store/checkout/orders' ? { 'idempotency-key': `order-${tag}-${Math.random()}` } : {}),
        },
        payload: payload as object,
      }),
    );
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  await send('PUT', '/store/consent', { personalisation: true, analytics: true });
  const { productId, variantId } = await buildStockedVariant(sql, { stock: [20] });
  await send('POST', '/store/events', {
    events: [
      { kind: 'product_view', productId },
      { kind: 'search', query: name },
    ],
  });
  await send('POST', '/store/auth/register', { email, password: PASSWORD, name });
  const token = await latestRegistrationToken(app, email);
  const registered = await send('POST', '/store/auth/register/confirm', { token });
  const customerId = registered.json().customerId as string;
  jar.cookies.set('csrf', registered.json().csrfToken);
  await sql`update customers set phone = ${phone} where id = ${customerId}`;
  await send('POST', '/store/account/addresses', {
    recipient: name,
    phone,
    province: '上海市',
    city: '上海市',
    district: '徐汇区',
    line1: `Quillfeather Lane 7, ${tag}`,
    postalCode: '200030',
  });
  const orderIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    await send('POST', '/store/cart/items', { variantId, quantity: 1 });
    const placed = await send('POST', '/store/checkout/orders', {
      email,
      phone,
      address: {
        recipient: name,
        phone,
        province: '上海市',
        city: '上海市',
        line1: `Quillfeather Lane 7, ${tag}`,
        postalCode: '200030',
      },
      deliveryOption: 'standard',
    });
    orderIds.push(placed.json().orderId);
  }
  // The outbox consumer waits for older transactions anywhere in the cluster: drain both orders.
  let handled = 0;
  await expect
    .poll(async () => (handled += await recordPurchaseEvents(sql)), { timeout: 10_000, interval: 100 })
    .toBeGreaterThanOrEqual(orderIds.length);
  await recordMessage(sql, {
    kind: 'registration.confirm',
    locale: 'zh-CN',
    recipient: email,
    params: { name, link: 'https://shop.test/register/confirm?token={secret}', hours: 24 },
    secret: 'not-kept',
  });
  await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone } }); // SMS + one-time code
  return { jar, send, customerId, email, name, phone, productId, orderIds };
}

/** Every (table, column, rows) where a text-like column contains `needle`, across the whole schema. */
async function findTraces(needle: string) {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string }[]>`
    select c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
            or c.data_type = 'USER-DEFINED')`;
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name, column_name, data_type } of columns) {
    const value =
      data_type === 'bytea' ? sql`encode(${sql(column_name)}, 'escape')` : sql`${sql(column_name)}::text`;
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from ${sql(table_name)}
       where position(lower(${needle}) in lower(${value})) > 0`;
    if (row!.n > 0) found.push(`${table_name}.${column_name} (${row!.n})`);
  }
  return found;
}

describe('exportShopperData via GET /store/account/export', () => {
  it("downloads the shopper's profile, consents, addresses, orders, events, sessions and messages", async () => {
    const s = await buildShopper('export1');
    const res = await s.send('GET', '/store/account/export');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="lantern-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const data = res.json();
    expect(data.profile).toMatchObject({ id: s.customerId, email: s.email, phone: s.phone, name: s.name });
    expect(data.preferences).toHaveProperty('locale');
    expect(data.consents.current).toEqual({ personalisation: true, analytics: true });
    expect(data.consents.history).toHaveLength(1);
    expect(data.addresses).toMatchObject([{ recipient: s.name, phone: s.phone }]);
    expect(data.orders).toHaveLength(2);
    expect(data.orders[0].lines[0].productId).toBe(s.productId);
    expect(data.orders[0].timeline[0].type).toBe('order.placed');
    const kinds = data.behaviour.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['product_view', 'search', 'add_to_cart', 'purchase']));
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(data.sessions)).not.toMatch(/token|csrf/i);
    expect(data.notifications.map((n: { recipient: string }) => n.recipient)).toEqual(
      expect.arrayContaining([s.email, s.phone]),
    );
  });

  it('needs a signed-in shopper', async () => {
    const res = await app.inject({ method: 'GET', url: '/store/account/export' });
    expect(res.statusCode).toBe(401);
  });
});

describe('deleteAccount via POST /store/account/delete', () => {
  it('asks for the password again before deleting', async () => {
    const s = await buildShopper('reauth1');
    const csrf = s.jar.get('csrf')!;
    const attempt = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: '/store/account/delete',
        headers: { cookie: s.jar.header(), 'x-csrf-token': csrf },
        payload: payload as object,
      });
    expect((await attempt({ confirm: true })).json().code).toBe('reauthentication_required');
    expect((await attempt({ confirm: true, password: 'wrong password' })).json().code).toBe(
      'password_incorrect',
    );
    expect((await attempt({ password: PASSWORD })).statusCode).toBe(400);
    const [still] = await sql`select id from customers where id = ${s.customerId}`;
    expect(still).toBeDefined();
  });

  it('leaves no trace of the email, phone or name in any table; orders stay with their totals', async () => {
    const s = await buildShopper('erase1');
    const otherKey = s.jar.get(SHOPPER_KEY_COOKIE)!;
    // Before: the identifiers really are spread over many tables (so the scan can fail).
    const before = [
      ...(await findTraces(s.email)),
      ...(await findTraces(s.phone)),
      ...(await findTraces(s.name)),
    ].map((t) => t.split(' ')[0]);
    for (const column of [
      'customers.email',
      'customers.phone',
      'customers.name',
      'addresses.recipient',
      'addresses.phone',
      'orders.email',
      'orders.phone',
      'orders.shipping_address',
      'one_time_codes.phone',
      'notifications.recipient',
      'notifications.body',
      'behaviour_events.query',
    ]) {
      expect(before).toContain(column);
    }
    const totals = await sql`select id, total_minor from orders where id = any(${s.orderIds}) order by id`;

    const res = s.jar.store(
      await app.inject({
        method: 'POST',
        url: '/store/account/delete',
        headers: { cookie: s.jar.header(), 'x-csrf-token': s.jar.get('csrf')! },
        payload: { password: PASSWORD, confirm: true },
      }),
    );
    expect(res.statusCode).toBe(204);
    expect(s.jar.get('lantern_session')).toBeUndefined();

    for (const needle of [s.email, s.phone, s.name, `Quillfeather Lane 7, erase1`]) {
      expect(await findTraces(needle), needle).toEqual([]);
    }
    expect(await sql`select 1 from behaviour_events where shopper_key = ${otherKey}`).toHaveLength(0);
    const after =
      await sql`select id, total_minor, customer_id, status from orders where id = any(${s.orderIds}) order by id`;
    expect(after.map((o) => [o.id, o.total_minor])).toEqual(totals.map((o) => [o.id, o.total_minor]));
    expect(after.every((o) => o.customer_id === null)).toBe(true);
    const lines = await sql`select count(*)::int as n from order_lines where order_id = any(${s.orderIds})`;
    expect(lines[0]!.n).toBe(2);
    // The old session is gone: the account API answers as for a stranger.
    const me = await app.inject({
      method: 'GET',
      url: '/store/account',
      headers: { cookie: `lantern_session=x` },
    });
    expect(me.statusCode).toBe(401);
  });
});

describe('storefront privacy pages', () => {
  it('shows the consent banner until a choice is posted, without JavaScript', async () => {
    const first = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(first.body).toContain('data-testid="consent-banner"');
    expect(first.body).not.toContain('beacon');
    const jar = new CookieJar();
    const posted = jar.store(
      await app.inject({
        method: 'POST',
        url: '/consent',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'choice=personalisation&returnTo=%2Fc%2Fphones',
      }),
    );
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/c/phones');
    expect(jar.get('lantern_consent')).toMatch(/^v2\.1\.0\.\d+$/);
    expect(jar.get(SHOPPER_KEY_COOKIE)).toMatch(/^vk_/);
    const next = await app.inject({
      method: 'GET',
      url: '/',
      headers: { accept: 'text/html', cookie: jar.header() },
    });
    expect(next.body).not.toContain('data-testid="consent-banner"');
    expect(next.body).toContain('data-personalisation');
    expect(next.body).toMatch(/assets\/js-beacon\.[^"]+\.js/);
  });

  it('changes the choice on /privacy and records it in the customer history', async () => {
    const s = await buildShopper('page1');
    const page = await s.send('GET', '/privacy');
    expect(page.body).toContain('href="/store/account/export"');
    const form = s.jar.store(
      await app.inject({
        method: 'POST',
        url: '/consent',
        headers: { cookie: s.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${s.jar.get('csrf')}&choice=custom&analytics=1&returnTo=%2Fprivacy%3Fsaved%3D1`,
      }),
    );
    expect(form.statusCode).toBe(303);
    expect(s.jar.get('lantern_consent')).toMatch(/^v2\.0\.1\.\d+$/);
    const history =
      await sql`select personalisation, analytics, source from consents where customer_id = ${s.customerId} order by id`;
    expect(history.at(-1)).toEqual({ personalisation: false, analytics: true, source: 'privacy_page' });
    const [key] =
      await sql`select personalisation, analytics from shopper_keys where customer_id = ${s.customerId}`;
    expect(key).toEqual({ personalisation: false, analytics: true });
  });

  it('deletes the account from the storefront form', async () => {
    const s = await buildShopper('form1');
    const page = await s.send('GET', '/account/delete');
    expect(page.body).toContain('data-testid="delete-account-form"');
    const res = await app.inject({
      method: 'POST',
      url: '/account/delete',
      headers: { cookie: s.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${s.jar.get('csrf')}&password=${encodeURIComponent(PASSWORD)}&confirm=1`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/account has been deleted|账户已注销/);
    expect(await sql`select 1 from customers where id = ${s.customerId}`).toHaveLength(0);
  });
});
