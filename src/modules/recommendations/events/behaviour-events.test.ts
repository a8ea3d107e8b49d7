import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../../../test/cookie-jar.ts';
import { createTestApp, registerThroughEmail } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import { recordEvent } from '../../../app/events.ts';
import { newId } from '../../../app/ids.ts';
import { createSession } from '../../identity/index.ts';
import { buildStockedVariant } from '../../inventory/testing.ts';
import {
  aggregateOldEvents,
  eventRetentionDays,
  linkShopperKey,
  listInteractionsForTraining,
  recentSessionEvents,
  recordBehaviourEvents,
  recordPurchaseEvents,
  SHOPPER_KEY_COOKIE,
  setShopperConsent,
} from '../index.ts';

let app: FastifyInstance;
let sql: Sql;
let products: string[];

beforeAll(async () => {
  ({ app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } })); // the development outbox holds the registration links
  const rows = await sql<
    { id: string }[]
  >`select id from products where status = 'published' order by id limit 3`;
  products = rows.map((r) => r.id);
});

/** A browser that made a consent choice through the API. */
async function visitor(consent: { personalisation: boolean; analytics: boolean }) {
  const jar = new CookieJar();
  const res = jar.store(await app.inject({ method: 'PUT', url: '/store/consent', payload: consent }));
  expect(res.statusCode).toBe(200);
  return jar;
}

function beacon(jar: CookieJar | null, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/store/events',
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      ...(jar ? { cookie: jar.header() } : {}),
      ...headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function eventsOf(key: string) {
  return sql<
    { kind: string; product_id: string | null; for_personalisation: boolean; for_analytics: boolean }[]
  >`
    select kind, product_id, for_personalisation, for_analytics from behaviour_events where shopper_key = ${key} order by id`;
}

describe('POST /store/events', () => {
  it('records a sendBeacon-style text/plain batch as far as the consent allows', async () => {
    const jar = await visitor({ personalisation: true, analytics: false });
    const key = jar.get(SHOPPER_KEY_COOKIE)!;
    expect(key).toMatch(/^vk_/);
    const res = await beacon(jar, {
      events: [
        { kind: 'product_view', productId: products[0], at: Date.now() - 1000 },
        { kind: 'search', query: '蓝牙耳机' },
        { kind: 'rec_impression', productId: products[1], placement: 'home', strategy: 'hybrid' },
      ],
    });
    expect(res.statusCode).toBe(202);
    // The impression serves analytics only, which this visitor did not allow.
    expect(res.json()).toEqual({ received: 3, recorded: 2 });
    expect((await eventsOf(key)).map((e) => e.kind)).toEqual(['product_view', 'search']);
    const training = await listInteractionsForTraining(sql);
    expect(training.filter((i) => i.shopperKey === key)).toMatchObject([
      { productId: products[0], kind: 'product_view' },
    ]);
  });

  it('stores nothing for a visitor who made no choice or chose necessary only', async () => {
    const before = await sql<{ n: number }[]>`select count(*)::int as n from behaviour_events`;
    const anonymous = await beacon(null, { events: [{ kind: 'product_view', productId: products[0] }] });
    expect(anonymous.json()).toEqual({ received: 1, recorded: 0 });
    const necessary = await visitor({ personalisation: false, analytics: false });
    expect(necessary.get(SHOPPER_KEY_COOKIE)).toBeUndefined();
    const res = await beacon(necessary, { events: [{ kind: 'product_view', productId: products[0] }] });
    expect(res.json()).toEqual({ received: 1, recorded: 0 });
    const after = await sql<{ n: number }[]>`select count(*)::int as n from behaviour_events`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('refuses bad input with 4xx problems', async () => {
    const jar = await visitor({ personalisation: true, analytics: true });
    const view = { kind: 'product_view', productId: products[0] };
    const cases: [unknown, number][] = [
      [{ events: [{ kind: 'purchase', productId: products[0] }] }, 400], // purchases only come from the server
      [{ events: Array.from({ length: 51 }, () => view) }, 400],
      [{ events: [] }, 400],
      [{ events: [{ ...view, price: 1 }] }, 400],
      [{ events: [{ kind: 'product_view', productId: "x'; drop table products" }] }, 400],
      [{ events: [{ kind: 'search', query: 'a'.repeat(201) }] }, 400],
      ['{not json', 400],
    ];
    for (const [body, status] of cases) {
      const res = await beacon(jar, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const ok = await beacon(jar, { events: Array.from({ length: 50 }, () => view) });
    expect(ok.json()).toEqual({ received: 50, recorded: 50 });
  });

  it('needs the session CSRF token in the body when a session cookie is sent, and refuses cross-site posts', async () => {
    const jar = await visitor({ personalisation: true, analytics: false });
    const { token, session } = await createSession(sql, { kind: 'shopper' });
    jar.cookies.set('lantern_session', token);
    const events = [{ kind: 'product_view', productId: products[0] }];
    expect((await beacon(jar, { events })).statusCode).toBe(403);
    expect((await beacon(jar, { events, _csrf: session.csrfToken })).statusCode).toBe(202);
    const cross = await beacon(jar, { events, _csrf: session.csrfToken }, { origin: 'https://evil.example' });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('cross_site_request');
  });

  it('rate-limits a visitor to 30 batches a minute', async () => {
    const jar = await visitor({ personalisation: true, analytics: false });
    const body = { events: [{ kind: 'product_view', productId: products[0] }] };
    for (let i = 0; i < 30; i++) expect((await beacon(jar, body)).statusCode).toBe(202);
    const limited = await beacon(jar, body);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('shopper keys and sign-in', () => {
  it("joins an anonymous visitor's events to the new account at registration", async () => {
    const jar = await visitor({ personalisation: true, analytics: false });
    const anonymousKey = jar.get(SHOPPER_KEY_COOKIE)!;
    await beacon(jar, { events: [{ kind: 'product_view', productId: products[1] }] });
    const res = jar.store(
      await registerThroughEmail(
        app,
        { email: `join-${newId('cus')}@example.com`, password: 'correct horse battery', name: 'Join' },
        { headers: { cookie: jar.header() } },
      ),
    );
    expect(res.statusCode).toBe(201);
    const customerId = res.json().customerId as string;
    const [row] = await sql<
      { key: string }[]
    >`select key from shopper_keys where customer_id = ${customerId}`;
    expect(row!.key).toBe(anonymousKey);
    expect(jar.get(SHOPPER_KEY_COOKIE)).toBe(anonymousKey);
    // The guest's choice became the account's first consent record.
    const consents =
      await sql`select personalisation, source from consents where customer_id = ${customerId}`;
    expect(consents).toMatchObject([{ personalisation: true, source: 'sign_in' }]);
  });

  it("moves a second browser's anonymous events into the customer's key at login, then rotates at sign-out", async () => {
    const email = `two-${newId('cus')}@example.com`;
    const first = await visitor({ personalisation: true, analytics: false });
    first.store(
      await registerThroughEmail(
        app,
        { email, password: 'correct horse battery', name: 'Two' },
        { headers: { cookie: first.header() } },
      ),
    );
    const customerKey = first.get(SHOPPER_KEY_COOKIE)!;

    const second = await visitor({ personalisation: true, analytics: false });
    const secondKey = second.get(SHOPPER_KEY_COOKIE)!;
    expect(secondKey).not.toBe(customerKey);
    await beacon(second, { events: [{ kind: 'product_view', productId: products[2] }] });
    const login = second.store(
      await app.inject({
        method: 'POST',
        url: '/store/auth/login',
        headers: { cookie: second.header() },
        payload: { email, password: 'correct horse battery' },
      }),
    );
    expect(login.statusCode).toBe(200);
    expect(second.get(SHOPPER_KEY_COOKIE)).toBe(customerKey);
    expect((await eventsOf(customerKey)).map((e) => e.product_id)).toContain(products[2]);
    expect(await eventsOf(secondKey)).toEqual([]);

    const logout = second.store(
      await app.inject({
        method: 'POST',
        url: '/store/auth/logout',
        headers: { cookie: second.header(), 'x-csrf-token': login.json().csrfToken },
      }),
    );
    expect(logout.statusCode).toBe(200);
    const afterLogout = second.get(SHOPPER_KEY_COOKIE)!;
    expect(afterLogout).toMatch(/^vk_/);
    expect(afterLogout).not.toBe(customerKey);
  });

  it('never merges a key that belongs to another customer', async () => {
    const a = newId('cus');
    const b = newId('cus');
    await sql`insert into customers (id, email) values (${a}, ${`${a}@example.com`}), (${b}, ${`${b}@example.com`})`;
    const keyA = await linkShopperKey(sql, null, a);
    await setShopperConsent(sql, keyA, { personalisation: true, analytics: false });
    await recordBehaviourEvents(sql, keyA, [{ kind: 'product_view', productId: products[0] }]);
    const keyB = await linkShopperKey(sql, keyA, b);
    expect(keyB).not.toBe(keyA);
    expect(await eventsOf(keyA)).toHaveLength(1);
  });
});

describe('server-side events', () => {
  it('records a purchase per product of a placed order of a consenting customer', async () => {
    const customerId = newId('cus');
    await sql`insert into customers (id, email) values (${customerId}, ${`${customerId}@example.com`})`;
    const key = await linkShopperKey(sql, null, customerId);
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    await recordPurchaseEvents(sql); // settle the outbox cursor before this test's event
    await recordEvent(sql, 'order.placed', newId('ord'), {
      number: 'LT0000000000001',
      customerId,
      totalMinor: 100,
      currency: 'CNY',
      productIds: [products[0]!, products[1]!],
    });
    // The outbox consumer waits for older transactions anywhere in the cluster to settle.
    await expect
      .poll(
        async () => {
          await recordPurchaseEvents(sql);
          const purchases = (await eventsOf(key)).filter((e) => e.kind === 'purchase');
          return purchases.map((e) => e.product_id).sort();
        },
        { timeout: 10_000, interval: 100 },
      )
      .toEqual([products[0], products[1]].sort());
  });

  it('records add_to_cart when the cart API adds a line', async () => {
    const { productId, variantId } = await buildStockedVariant(sql);
    const jar = await visitor({ personalisation: true, analytics: false });
    const res = jar.store(
      await app.inject({
        method: 'POST',
        url: '/store/cart/items',
        headers: { cookie: jar.header() },
        payload: { variantId, quantity: 1 },
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(await eventsOf(jar.get(SHOPPER_KEY_COOKIE)!)).toMatchObject([
      { kind: 'add_to_cart', product_id: productId },
    ]);
  });
});

describe('consent changes', () => {
  it('stops using the events for recommendations once personalisation is switched off', async () => {
    const jar = await visitor({ personalisation: true, analytics: true });
    const key = jar.get(SHOPPER_KEY_COOKIE)!;
    await beacon(jar, { events: [{ kind: 'product_view', productId: products[0] }] });
    expect(await recentSessionEvents(sql, key, 10)).toHaveLength(1);

    jar.store(
      await app.inject({
        method: 'PUT',
        url: '/store/consent',
        headers: { cookie: jar.header() },
        payload: { personalisation: false, analytics: true },
      }),
    );
    await beacon(jar, { events: [{ kind: 'product_view', productId: products[1] }] });
    expect(await recentSessionEvents(sql, key, 10)).toEqual([]);
    expect((await listInteractionsForTraining(sql)).some((i) => i.shopperKey === key)).toBe(false);
    // Kept for analytics only, flagged so.
    expect((await eventsOf(key)).at(-1)).toMatchObject({ for_personalisation: false, for_analytics: true });

    jar.store(
      await app.inject({
        method: 'PUT',
        url: '/store/consent',
        headers: { cookie: jar.header() },
        payload: { personalisation: false, analytics: false },
      }),
    );
    const res = await beacon(jar, { events: [{ kind: 'product_view', productId: products[2] }] });
    expect(res.json().recorded).toBe(0);
  });
});

describe('aggregateOldEvents', () => {
  it('folds events older than the retention into daily counts and deletes them', async () => {
    const key = `vk_${'r'.repeat(22)}`;
    await setShopperConsent(sql, key, { personalisation: true, analytics: true });
    const old = new Date(Date.now() - 200 * 86_400_000);
    await recordBehaviourEvents(sql, key, [
      { kind: 'product_view', productId: products[0], occurredAt: old },
      { kind: 'product_view', productId: products[0], occurredAt: old },
      { kind: 'search', query: 'private words', occurredAt: old },
      { kind: 'product_view', productId: products[0] },
    ]);
    const removed = await aggregateOldEvents(sql, 180);
    expect(removed).toBeGreaterThanOrEqual(3);
    expect(await eventsOf(key)).toHaveLength(1);
    const day = old.toISOString().slice(0, 10);
    const counts = await sql<{ product_id: string; kind: string; events: number }[]>`
      select product_id, kind, events from behaviour_daily_counts where day = ${day} order by kind`;
    expect(counts).toEqual([
      { product_id: products[0], kind: 'product_view', events: 2 },
      { product_id: '', kind: 'search', events: 1 },
    ]);
  });

  it('reads EVENT_RETENTION_DAYS, defaulting to 180', () => {
    expect(eventRetentionDays({})).toBe(180);
    expect(eventRetentionDays({ EVENT_RETENTION_DAYS: '30' })).toBe(30);
    expect(eventRetentionDays({ EVENT_RETENTION_DAYS: '-1' })).toBe(180);
  });
});

describe('favourites', () => {
  it('toggles a favourite for any visitor and records the event only with consent', async () => {
    const jar = await visitor({ personalisation: true, analytics: false });
    const key = jar.get(SHOPPER_KEY_COOKIE)!;
    const put = (url: string, method: 'PUT' | 'DELETE' | 'GET' = 'PUT') =>
      app.inject({ method, url, headers: { cookie: jar.header() } });
    expect((await put(`/store/favourites/${products[0]}`)).statusCode).toBe(204);
    expect((await put(`/store/favourites/${products[0]}`)).statusCode).toBe(204);
    expect((await put('/store/favourites/prod_doesnotexist')).statusCode).toBe(404);
    expect((await put('/store/favourites', 'GET')).json()).toEqual({ productIds: [products[0]] });
    expect((await eventsOf(key)).filter((e) => e.kind === 'favourite')).toHaveLength(1);
    expect((await put(`/store/favourites/${products[0]}`, 'DELETE')).statusCode).toBe(204);
    expect((await put('/store/favourites', 'GET')).json()).toEqual({ productIds: [] });

    // A necessary-only visitor may keep favourites, but no behaviour event is stored.
    const plain = new CookieJar();
    const res = plain.store(await app.inject({ method: 'PUT', url: `/store/favourites/${products[1]}` }));
    expect(res.statusCode).toBe(204);
    expect(await eventsOf(plain.get(SHOPPER_KEY_COOKIE)!)).toEqual([]);
  });
});
