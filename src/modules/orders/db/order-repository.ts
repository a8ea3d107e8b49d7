/** The orders module's SQL: reading whole orders, locking one, and writing its timeline. */
import type { Db, Tx } from '../../../app/database.ts';
import type { Order, OrderEvent, OrderLine, ShippingAddress } from '../order.ts';
import type { OrderStatus } from '../order-state.ts';
import type { OrderTimelineEntry, OrderTimelineType } from '../order-timeline.ts';

interface OrderRow {
  id: string;
  number: string;
  customer_id: string | null;
  status: OrderStatus;
  email: string;
  phone: string;
  currency: string;
  subtotal_minor: number;
  shipping_minor: number;
  discount_minor: number;
  total_minor: number;
  shipping_address: ShippingAddress;
  delivery_option: string;
  locale: string;
  tracking_number: string | null;
  payment_due_at: Date;
  created_at: Date;
}

/** The order with lines and timeline, or null. `where` narrows who may see it. */
export async function loadOrder(
  db: Db,
  id: string,
  where: { customerId?: string; accessTokenHash?: string } = {},
): Promise<Order | null> {
  const [row] = await db<OrderRow[]>`
    select * from orders o
     where o.id = ${id}
       ${where.customerId !== undefined ? db`and o.customer_id = ${where.customerId}` : db``}
       ${
         where.accessTokenHash !== undefined
           ? db`and (o.access_token_hash = ${where.accessTokenHash} or exists (
                  select 1 from order_access_tokens t
                   where t.order_id = o.id and t.token_hash = ${where.accessTokenHash}))`
           : db``
       }`;
  if (!row) return null;
  const lines = await db<
    {
      id: string;
      product_id: string;
      variant_id: string;
      sku: string;
      title_zh: string;
      title_en: string;
      variant_label_zh: string;
      variant_label_en: string;
      image_url: string | null;
      unit_price_minor: number;
      quantity: number;
      line_total_minor: number;
    }[]
  >`select * from order_lines where order_id = ${id} order by id`;
  const events = await db<
    {
      type: OrderTimelineType;
      from_status: OrderStatus | null;
      to_status: OrderStatus | null;
      params: Record<string, string | number>;
      note: string;
      actor: string;
      created_at: Date;
    }[]
  >`select type, from_status, to_status, params, note, actor, created_at
        from order_events where order_id = ${id} order by id`;
  const money = (amountMinor: number) => ({ amountMinor, currency: row.currency });
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    status: row.status,
    email: row.email,
    phone: row.phone,
    subtotal: money(row.subtotal_minor),
    shipping: money(row.shipping_minor),
    discount: money(row.discount_minor),
    total: money(row.total_minor),
    shippingAddress: row.shipping_address,
    deliveryOption: row.delivery_option,
    locale: row.locale,
    trackingNumber: row.tracking_number,
    paymentDueAt: row.payment_due_at,
    createdAt: row.created_at,
    lines: lines.map(
      (l): OrderLine => ({
        id: l.id,
        productId: l.product_id,
        variantId: l.variant_id,
        sku: l.sku,
        title: { zh: l.title_zh, en: l.title_en },
        variantLabel: { zh: l.variant_label_zh, en: l.variant_label_en },
        image: l.image_url,
        unitPrice: money(l.unit_price_minor),
        quantity: l.quantity,
        lineTotal: money(l.line_total_minor),
      }),
    ),
    timeline: events.map(
      (e): OrderEvent => ({
        type: e.type,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        params: e.params,
        note: e.note,
        actor: e.actor,
        at: e.created_at,
      }),
    ),
  };
}

export interface LockedOrder {
  id: string;
  status: OrderStatus;
  customerId: string | null;
  accessTokenHash: string;
  currency: string;
  totalMinor: number;
  paymentDueAt: Date;
}

/** Locks the order row for the rest of the transaction (every status change starts here). */
export async function lockOrder(tx: Tx, id: string): Promise<LockedOrder | null> {
  const [row] = await tx<
    {
      id: string;
      status: OrderStatus;
      customer_id: string | null;
      access_token_hash: string;
      currency: string;
      total_minor: number;
      payment_due_at: Date;
    }[]
  >`select id, status, customer_id, access_token_hash, currency, total_minor, payment_due_at
      from orders where id = ${id} for update`;
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    customerId: row.customer_id,
    accessTokenHash: row.access_token_hash,
    currency: row.currency,
    totalMinor: row.total_minor,
    paymentDueAt: row.payment_due_at,
  };
}

/** True when `tokenHash` is one of the order's extra access tokens (minted by replayed placements). */
export async function hasExtraAccessToken(db: Db, orderId: string, tokenHash: string): Promise<boolean> {
  const [row] =
    await db`select 1 from order_access_tokens where order_id = ${orderId} and token_hash = ${tokenHash}`;
  return Boolean(row);
}

/** Appends one entry to the order's timeline; `from`/`to` are set when its status changed. */
export async function insertOrderEvent(
  tx: Tx,
  orderId: string,
  entry: OrderTimelineEntry & { from?: OrderStatus | null; to?: OrderStatus | null },
): Promise<void> {
  await tx`insert into order_events (order_id, type, from_status, to_status, params, note, actor)
           values (${orderId}, ${entry.type}, ${entry.from ?? null}, ${entry.to ?? null},
                   ${tx.json((entry.params ?? {}) as never)}, ${entry.note ?? ''}, ${entry.actor})`;
}

/** The product ids of an order's lines, for events that make search re-index those products. */
export async function orderProductIds(db: Db, orderId: string): Promise<string[]> {
  const rows = await db<{ product_id: string }[]>`
    select distinct product_id from order_lines where order_id = ${orderId} order by product_id`;
  return rows.map((r) => r.product_id);
}

/** Quantity sold per product, for `order.paid` (the catalog keeps `sales_count` from it). */
export async function orderProductQuantities(
  db: Db,
  orderId: string,
): Promise<{ productId: string; quantity: number }[]> {
  const rows = await db<{ product_id: string; quantity: number }[]>`
    select product_id, sum(quantity)::int as quantity from order_lines
     where order_id = ${orderId} group by product_id order by product_id`;
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
}
