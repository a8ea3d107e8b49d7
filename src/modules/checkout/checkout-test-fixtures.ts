/**
 * Test factories for checkout, orders and payments: a stocked variant, shoppers with carts and a
 * merchant, written straight to the tables so the tests do not depend on the demo seed.
 */
import type { Sql } from '../../app/database.ts';
import { newId, randomBase32 } from '../../app/ids.ts';
import { createSession } from '../identity/index.ts';

/** A published product with one active variant, stocked in one warehouse per entry of `stock`. */
export async function buildStockedVariant(
  sql: Sql,
  options: { priceMinor?: number; stock?: number[]; priorities?: number[] } = {},
): Promise<{ productId: string; variantId: string; warehouseIds: string[] }> {
  const suffix = randomBase32(8);
  const categoryId = newId('cat');
  const productId = newId('prod');
  const variantId = newId('var');
  await sql`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${`c-${suffix}`}, '测试', 'Test')`;
  await sql`insert into products (id, slug, status, title_zh, title_en, category_id, min_price_minor, max_price_minor, published_at)
            values (${productId}, ${`p-${suffix}`}, 'published', '测试耳机', 'Test headphones', ${categoryId},
                    ${options.priceMinor ?? 5000}, ${options.priceMinor ?? 5000}, now())`;
  await sql`insert into variants (id, product_id, sku, price_minor) values (${variantId}, ${productId}, ${`SKU-${suffix}`}, ${options.priceMinor ?? 5000})`;
  const warehouseIds: string[] = [];
  const stock = options.stock ?? [10];
  for (let i = 0; i < stock.length; i++) {
    const warehouseId = newId('wh');
    warehouseIds.push(warehouseId);
    await sql`insert into warehouses (id, code, name_zh, name_en, region, priority)
              values (${warehouseId}, ${`W-${suffix}-${i}`}, '仓库', 'Warehouse', '上海', ${options.priorities?.[i] ?? 0})`;
    await sql`insert into stock_levels (variant_id, warehouse_id, on_hand) values (${variantId}, ${warehouseId}, ${stock[i]!})`;
  }
  return { productId, variantId, warehouseIds };
}

/** A guest session (bearer token) whose cart holds `lines`. */
export async function buildGuestWithCart(
  sql: Sql,
  lines: { variantId: string; quantity: number }[],
): Promise<{ token: string; tokenHash: string }> {
  const { token, session } = await createSession(sql, { kind: 'shopper' });
  await fillCart(sql, { sessionTokenHash: session.tokenHash }, lines);
  return { token, tokenHash: session.tokenHash };
}

/** A signed-in customer (bearer token) whose cart holds `lines`. */
export async function buildCustomerWithCart(
  sql: Sql,
  lines: { variantId: string; quantity: number }[],
): Promise<{ token: string; customerId: string }> {
  const customerId = newId('cus');
  await sql`insert into customers (id, email, name) values (${customerId}, ${`${customerId}@example.com`}, 'Test')`;
  const { token } = await createSession(sql, { kind: 'shopper', customerId });
  await fillCart(sql, { customerId }, lines);
  return { token, customerId };
}

async function fillCart(
  sql: Sql,
  owner: { customerId: string } | { sessionTokenHash: string },
  lines: { variantId: string; quantity: number }[],
) {
  if (lines.length === 0) return;
  const cartId = newId('cart');
  await sql`insert into carts (id, customer_id, session_token_hash)
            values (${cartId}, ${'customerId' in owner ? owner.customerId : null},
                    ${'sessionTokenHash' in owner ? owner.sessionTokenHash : null})`;
  for (const line of lines) {
    await sql`insert into cart_lines (cart_id, variant_id, quantity) values (${cartId}, ${line.variantId}, ${line.quantity})`;
  }
}

/** A merchant's staff session (bearer token for /admin). */
export async function buildMerchant(sql: Sql): Promise<{ token: string; staffId: string }> {
  const staffId = newId('stf');
  await sql`insert into staff_users (id, email, name, role, password_hash)
            values (${staffId}, ${`${staffId}@example.com`}, 'Merchant', 'merchant', 'x')`;
  const { token } = await createSession(sql, { kind: 'staff', staffId });
  return { token, staffId };
}

/** A valid shipping address in Shanghai. */
export const SHANGHAI_ADDRESS = {
  recipient: '李雷',
  phone: '13800138000',
  province: '上海',
  city: '上海市',
  district: '浦东新区',
  line1: '世纪大道 100 号',
  postalCode: '200120',
};

/** A placement body for the HTTP API. */
export function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    email: 'guest@example.com',
    phone: '13800138000',
    address: SHANGHAI_ADDRESS,
    deliveryOption: 'standard',
    locale: 'zh-CN',
    ...overrides,
  };
}

/** The sandbox's always-succeeding test card. */
export const GOOD_CARD = {
  number: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2099,
  cvc: '123',
  holder: 'Li Lei',
};

/** Stock of a variant summed over warehouses. */
export async function stockOf(sql: Sql, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await sql<{ on_hand: number; reserved: number }[]>`
    select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved
      from stock_levels where variant_id = ${variantId}`;
  return { onHand: row!.on_hand, reserved: row!.reserved };
}

/** Row counts of the tables checkout and payments write, to prove a refused request changed nothing. */
export async function countRows(sql: Sql): Promise<Record<string, number>> {
  const [row] = await sql<Record<string, number>[]>`
    select (select count(*)::int from orders) as orders,
           (select count(*)::int from order_events) as order_events,
           (select count(*)::int from payments) as payments,
           (select count(*)::int from refunds) as refunds,
           (select count(*)::int from stock_reservations) as reservations,
           (select count(*)::int from idempotency_keys) as idempotency_keys,
           (select count(*)::int from payment_callbacks) as callbacks,
           (select count(*)::int from domain_events) as events,
           (select sum(reserved)::int from stock_levels) as reserved`;
  return row!;
}
