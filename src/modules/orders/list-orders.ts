/** Listing orders: a customer's own, and the merchant's filtered, paginated list. */
import type { Db } from '../../app/database.ts';
import type { OrderSummary } from './order.ts';
import type { OrderStatus } from './order-state.ts';

export interface OrderPage {
  items: OrderSummary[];
  total: number;
  page: number;
  pageSize: number;
}

interface SummaryRow {
  id: string;
  number: string;
  status: OrderStatus;
  email: string;
  currency: string;
  total_minor: number;
  item_count: number;
  created_at: Date;
  full_count: number;
}

function toSummary(r: SummaryRow): OrderSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    email: r.email,
    total: { amountMinor: r.total_minor, currency: r.currency },
    itemCount: r.item_count,
    createdAt: r.created_at,
  };
}

/** The customer's orders, newest first. Page size is capped at 50. */
export async function listCustomerOrders(
  db: Db,
  customerId: string,
  options: { page?: number; pageSize?: number } = {},
): Promise<OrderPage> {
  const page = Math.max(1, options.page ?? 1);
  const pageSize = Math.min(50, Math.max(1, options.pageSize ?? 20));
  const rows = await db<SummaryRow[]>`
    select o.id, o.number, o.status, o.email, o.currency, o.total_minor, o.created_at,
           (select coalesce(sum(quantity), 0)::int from order_lines l where l.order_id = o.id) as item_count,
           count(*) over ()::int as full_count
      from orders o where o.customer_id = ${customerId}
     order by o.created_at desc, o.id
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  return { items: rows.map(toSummary), total: rows[0]?.full_count ?? 0, page, pageSize };
}

export interface ListOrdersFilter {
  status?: OrderStatus;
  /** Matches the order number (prefix) or the email (substring, case-insensitive). */
  q?: string;
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

/** Every order for staff, filtered by status, number/email and a created-at range; at most 100 a page. */
export async function listOrders(db: Db, filter: ListOrdersFilter = {}): Promise<OrderPage> {
  const page = Math.max(1, filter.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
  const q = filter.q?.trim().toLowerCase();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const prefix = q ? `${q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db<SummaryRow[]>`
    select o.id, o.number, o.status, o.email, o.currency, o.total_minor, o.created_at,
           (select coalesce(sum(quantity), 0)::int from order_lines l where l.order_id = o.id) as item_count,
           count(*) over ()::int as full_count
      from orders o
     where true
       ${filter.status ? db`and o.status = ${filter.status}` : db``}
       ${q ? db`and (o.number like ${prefix} or lower(o.email) like ${like})` : db``}
       ${filter.from ? db`and o.created_at >= ${filter.from}` : db``}
       ${filter.to ? db`and o.created_at < ${filter.to}` : db``}
     order by o.created_at desc, o.id
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  return { items: rows.map(toSummary), total: rows[0]?.full_count ?? 0, page, pageSize };
}
