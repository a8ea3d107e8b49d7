/**
 * Never a card number stored, never a secret in an answer: after real card payments (captured and
 * declined), every text and JSON column of every table is searched for the card numbers; and the
 * answers of a whole shopper + merchant journey are searched for hashes and other sessions' tokens.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  bearer,
  DEMO,
  GOOD_CARD,
  guestSession,
  idempotencyKey,
  type Login,
  loginShopper,
  loginStaff,
  placeOrder,
  sellableVariant,
} from './security-support.ts';

const { app, sql } = await createTestApp();

const CAPTURED_PAN = '4242424242424242';
const DECLINED_PAN = '4000000000000002';

/** Rows in any text, varchar, json or jsonb column of any table whose text matches `pattern`. */
async function columnsMatching(pattern: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }[]>`
    select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`;
  expect(columns.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const [row] = await sql.unsafe<{ n: number }[]>(
      `select count(*)::int as n from "${table_name}" where "${column_name}"::text ~ $1`,
      [pattern],
    );
    if (row!.n > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

/** The PAN with optional spaces or dashes between its groups of four. */
function panPattern(pan: string): string {
  return pan.match(/.{4}/g)!.join('[ -]?');
}

describe('card numbers', () => {
  it('after a captured and a declined card payment, no column of any table holds either card number', async () => {
    const item = await sellableVariant(sql, 5);
    const guest = await guestSession(app);
    const order = await placeOrder(app, guest, item.variantId, 1);
    const pay = (number: string) =>
      app.inject({
        method: 'POST',
        url: `/store/orders/${order.orderId}/payments`,
        headers: { 'x-order-token': order.accessToken, 'idempotency-key': idempotencyKey('pan') },
        payload: { method: 'card', card: { ...GOOD_CARD, number } },
      });
    expect((await pay('4000 0000 0000 0002')).json().status).toBe('failed');
    expect((await pay('4242-4242-4242-4242')).json().status).toBe('captured');
    // the search itself works: the last four digits are stored, as promised
    expect(await columnsMatching('^4242$')).toContain('payments.card_last4');
    expect(await columnsMatching(panPattern(CAPTURED_PAN))).toEqual([]);
    expect(await columnsMatching(panPattern(DECLINED_PAN))).toEqual([]);
  });

  it('the merchant sees only brand and last four digits', async () => {
    const merchant = await loginStaff(app, DEMO.merchant);
    const [paid] = await sql<
      { order_id: string }[]
    >`select order_id from payments where status = 'captured' limit 1`;
    const res = await app.inject({
      method: 'GET',
      url: `/admin/orders/${paid!.order_id}/payments`,
      headers: bearer(merchant.token),
    });
    expect(res.json().payments).toContainEqual(
      expect.objectContaining({ cardBrand: 'visa', cardLast4: '4242' }),
    );
    expect(res.body).not.toMatch(new RegExp(panPattern(CAPTURED_PAN)));
  });
});

describe('secrets in answers', () => {
  it('a whole shopper and merchant journey never answers with a hash, a password or another session’s tokens', async () => {
    const answers: { who: Login; res: LightMyRequestResponse }[] = [];
    const shopper = await loginShopper(app);
    const secondShopperSession = await loginShopper(app);
    const merchant = await loginStaff(app, DEMO.merchant);
    const agent = await loginStaff(app, DEMO.agent);
    const guest = await guestSession(app);
    const item = await sellableVariant(sql, 5);
    const call = async (
      who: Login,
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      payload?: object,
      headers = {},
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: { ...bearer(who.token), ...headers },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(500);
      answers.push({ who, res });
      return res;
    };
    await call(shopper, 'GET', '/store/account');
    await call(shopper, 'PATCH', '/store/account', { name: '李雷' });
    await call(shopper, 'PUT', '/store/account/preferences', { theme: 'dark' });
    await call(shopper, 'GET', '/store/account/addresses');
    await call(shopper, 'POST', '/store/cart/items', { variantId: item.variantId, quantity: 1 });
    await call(shopper, 'GET', '/store/cart');
    await call(shopper, 'GET', '/store/checkout/quote?deliveryOption=standard');
    const placed = await call(
      shopper,
      'POST',
      '/store/checkout/orders',
      {
        email: 'shopper@lantern.test',
        phone: '13800138000',
        address: {
          recipient: '李雷',
          phone: '13800138000',
          province: '上海',
          city: '上海市',
          line1: '世纪大道 1 号',
        },
        deliveryOption: 'standard',
      },
      { 'idempotency-key': idempotencyKey() },
    );
    const orderId = placed.json().orderId as string;
    await call(
      shopper,
      'POST',
      `/store/orders/${orderId}/payments`,
      { method: 'card', card: GOOD_CARD },
      { 'idempotency-key': idempotencyKey() },
    );
    await call(shopper, 'GET', '/store/orders');
    await call(shopper, 'GET', `/store/orders/${orderId}`);
    await call(guest, 'POST', '/store/cart/items', { variantId: item.variantId, quantity: 1 });
    await call(merchant, 'GET', '/admin/auth/me');
    await call(merchant, 'GET', '/admin/orders');
    await call(merchant, 'GET', `/admin/orders/${orderId}`);
    await call(merchant, 'GET', `/admin/orders/${orderId}/payments`);
    await call(merchant, 'GET', '/admin/products?pageSize=5');
    await call(merchant, 'GET', `/admin/products/${item.productId}`);
    await call(merchant, 'GET', '/admin/inventory?pageSize=5');
    await call(merchant, 'GET', `/admin/inventory/${item.variantId}/movements`);
    await call(merchant, 'POST', `/admin/orders/${orderId}/ship`, { trackingNumber: 'SF1234567' });
    await call(agent, 'GET', '/admin/auth/me');
    await call(agent, 'GET', '/admin/orders');

    const sessions = [shopper, secondShopperSession, merchant, agent, guest];
    const [hashes] = await sql<{ passwords: string[]; sessions: string[] }[]>`
      select (select array_agg(password_hash) from customers where password_hash is not null)
             || (select array_agg(password_hash) from staff_users) as passwords,
             (select array_agg(token_hash) from sessions) as sessions`;
    expect(answers.length).toBeGreaterThan(20);
    for (const { who, res } of answers) {
      const body = res.body;
      const label = `${res.raw.req.method} ${res.raw.req.url}`;
      expect(body, label).not.toMatch(
        /password|token_?hash|code_?hash|\$argon2|(?<![a-z0-9])cvc(?![a-z0-9])/i,
      );
      for (const hash of [...hashes!.passwords, ...hashes!.sessions]) expect(body, label).not.toContain(hash);
      for (const other of sessions) {
        expect(body, label).not.toContain(other.token);
        if (other !== who) expect(body, label).not.toContain(other.csrfToken);
      }
    }
  });
});
