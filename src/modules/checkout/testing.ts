/** Test values for checkout: an address, a placement body, and a fingerprint of what placing writes. */
import type { Sql } from '../../app/database.ts';

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
