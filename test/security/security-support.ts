/**
 * Shared helpers of the security suite: demo logins through the real API, a fingerprint of every
 * table (to prove a refused write changed nothing), and one assertion for problem+json answers.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Sql } from '../../src/app/database.ts';
import { registerThroughEmail } from '../support.ts';

export { devOutboxMessages, latestCode, latestRegistrationToken } from '../support.ts';

/** The demo accounts of the seeded shop (README). */
export const DEMO = {
  shopper: { email: 'shopper@lantern.test', password: 'lantern-shopper' },
  merchant: { email: 'merchant@lantern.test', password: 'lantern-merchant' },
  agent: { email: 'agent@lantern.test', password: 'lantern-agent' },
};

/** A token pair as the login routes answer it. */
export interface Login {
  token: string;
  csrfToken: string;
  customerId?: string;
  staffId?: string;
}

let address = 0;
/** A fresh client address per login, so the login rate limits never get in the way of other tests. */
function nextAddress() {
  address++;
  return `10.9.${Math.floor(address / 250)}.${(address % 250) + 1}`;
}

/** Signs in a shopper with email and password through POST /store/auth/login. */
export async function loginShopper(app: FastifyInstance, who = DEMO.shopper): Promise<Login> {
  const res = await app.inject({
    method: 'POST',
    url: '/store/auth/login',
    payload: who,
    remoteAddress: nextAddress(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Signs in staff through POST /admin/auth/login. */
export async function loginStaff(
  app: FastifyInstance,
  who: { email: string; password: string },
): Promise<Login> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/auth/login',
    payload: who,
    remoteAddress: nextAddress(),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

let registered = 0;
/**
 * Registers a brand-new shopper (another customer to attack or be attacked by): the register
 * request, then the emailed link's confirmation. The app needs `DEV_OUTBOX=1` to read the link.
 */
export async function registerShopper(app: FastifyInstance, name = 'Other Shopper'): Promise<Login> {
  const email = `other-${Date.now()}-${++registered}@example.com`;
  const confirmed = await registerThroughEmail(
    app,
    { email, password: 'another long password', name },
    { remoteAddress: nextAddress() },
  );
  expect(confirmed.statusCode, confirmed.body).toBe(201);
  return confirmed.json();
}

/** Opens a guest session for an API client (bearer token). */
export async function guestSession(app: FastifyInstance): Promise<Login> {
  const res = await app.inject({ method: 'POST', url: '/store/sessions', remoteAddress: nextAddress() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The Authorization header of a bearer token. */
export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/**
 * A fingerprint of every table in the public schema: its row count and the newest writing
 * transaction among its rows (`max(xmin)`). An insert or update gives a row a newer xmin, a
 * delete lowers the count, so two equal fingerprints mean nothing was written anywhere in
 * between, without reading every row's contents (decision 0017).
 */
export async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }[]>`
    select table_name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const parts = tables.map(
    ({ table_name }) =>
      `select '${table_name}' as t, count(*)::text || ':' || coalesce(max(xmin::text::bigint)::text, '') as h from "${table_name}"`,
  );
  const rows = await sql.unsafe<{ t: string; h: string }[]>(parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

/**
 * Runs `request` and asserts the answer is the given 4xx problem+json and the database is exactly as
 * before. Returns the problem document for further checks.
 */
export async function expectRefusedUnchanged(
  sql: Sql,
  request: () => Promise<LightMyRequestResponse>,
  status: number,
  code?: string,
): Promise<Record<string, unknown>> {
  const before = await fingerprint(sql);
  const res = await request();
  const problem = expectProblem(res, status, code);
  expect(await fingerprint(sql)).toEqual(before);
  return problem;
}

/**
 * Asserts an RFC 9457 answer: the status, content type application/problem+json, a stable `type`
 * of /problems/<code>, `status` equal to the HTTP status and a non-empty, helpful `detail`.
 */
export function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^\/problems\/[a-z0-9_]+$/);
  expect(body.type).toBe(`/problems/${body.code}`);
  if (code) expect(body.code).toBe(code);
  expect(typeof body.detail).toBe('string');
  expect((body.detail as string).length).toBeGreaterThan(5);
  // errors say what the client did wrong, never how the server is built
  expect(res.body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d|postgres|SELECT |syntax error/i);
  return body;
}

/** A published, active variant with at least `minAvailable` units free to sell, from the demo seed. */
export async function sellableVariant(
  sql: Sql,
  minAvailable = 5,
  skip: string[] = [],
): Promise<{ variantId: string; productId: string; priceMinor: number; available: number }> {
  const [row] = await sql<
    { variant_id: string; product_id: string; price_minor: number; available: number }[]
  >`
    select v.id as variant_id, v.product_id, v.price_minor, sum(s.on_hand - s.reserved)::int as available
      from variants v join products p on p.id = v.product_id join stock_levels s on s.variant_id = v.id
     where p.status = 'published' and v.is_active and v.currency = 'CNY'
       and not (v.id = any(${skip}))
     group by v.id having sum(s.on_hand - s.reserved) >= ${minAvailable}
     order by v.id limit 1`;
  if (!row) throw new Error('the demo seed has no sellable variant');
  return {
    variantId: row.variant_id,
    productId: row.product_id,
    priceMinor: row.price_minor,
    available: row.available,
  };
}

/** A shipping address the checkout accepts. */
export const ADDRESS = {
  recipient: '李雷',
  phone: '13800138000',
  province: '上海',
  city: '上海市',
  district: '浦东新区',
  line1: '世纪大道 100 号',
  postalCode: '200120',
};

let keys = 0;
/** A fresh Idempotency-Key. */
export function idempotencyKey(prefix = 'sec'): string {
  return `${prefix}-${Date.now()}-${++keys}`;
}

/** Puts `quantity` of a variant in the shopper's cart and places the order; returns the 201 answer. */
export async function placeOrder(
  app: FastifyInstance,
  who: Login,
  variantId: string,
  quantity = 1,
): Promise<{
  orderId: string;
  number: string;
  accessToken: string;
  total: { amountMinor: number; currency: string };
}> {
  const add = await app.inject({
    method: 'POST',
    url: '/store/cart/items',
    headers: bearer(who.token),
    payload: { variantId, quantity },
  });
  expect(add.statusCode, add.body).toBe(200);
  const res = await app.inject({
    method: 'POST',
    url: '/store/checkout/orders',
    headers: { ...bearer(who.token), 'idempotency-key': idempotencyKey('place') },
    payload: {
      email: 'buyer@example.com',
      phone: '13800138000',
      address: ADDRESS,
      deliveryOption: 'standard',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The sandbox's always-succeeding test card. */
export const GOOD_CARD = {
  number: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2099,
  cvc: '123',
  holder: 'Li Lei',
};
