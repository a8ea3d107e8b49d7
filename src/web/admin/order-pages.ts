/**
 * Orders: the filtered list, one order's detail (lines, address, payments, timeline) and the
 * merchant's actions on it: mark shipped with a tracking number, delivered, completed, or cancel
 * after a confirm step (stock is released by the orders module). Agents read only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatted } from '../../app/field-issues.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import {
  cancelOrder,
  completeOrder,
  getOrderForAdmin,
  listOrders,
  markOrderDelivered,
  markOrderShipped,
  ORDER_STATUSES,
  type Order,
  type OrderStatus,
} from '../../modules/orders/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorLabel, timelineText } from '../i18n/index.ts';
import { ADMIN_PERMISSIONS, type AdminContext, adminContext, can } from './admin-context.ts';
import {
  csrfField,
  dateTime,
  describeError,
  errorStatus,
  field,
  flashFrom,
  money,
  pageParam,
  pager,
  redirectDone,
} from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';
import { orderPayments, registerRefundRoute } from './order-payments.ts';

const STATUS_LABELS: Record<OrderStatus, [string, string]> = {
  pending_payment: ['待付款', 'Pending payment'],
  paid: ['已付款', 'Paid'],
  shipped: ['已发货', 'Shipped'],
  delivered: ['已送达', 'Delivered'],
  completed: ['已完成', 'Completed'],
  cancelled: ['已取消', 'Cancelled'],
};

/** An order status in the page's language. */
export function statusLabel(ctx: AdminContext, status: OrderStatus): string {
  const pair = STATUS_LABELS[status];
  return pair ? ctx.t(pair[0], pair[1]) : status;
}

const listQuery = z.object({
  status: z.enum(ORDER_STATUSES).or(z.literal('')).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .or(z.literal(''))
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .or(z.literal(''))
    .optional()
    .catch(undefined),
  page: pageParam,
});
const idParams = z.object({ id: z.string().min(1).max(100) });
const doneQuery = z.object({ done: z.string().max(40).optional() });
const formBody = z.record(z.string(), z.unknown());
// Field problems are shown from their issue codes (src/web/i18n), never from these English messages.
const shipForm = z.object({
  trackingNumber: z
    .string()
    .trim()
    .min(4)
    .max(64)
    .pipe(formatted(/^[A-Za-z0-9-]+$/, 'tracking_number', 'use letters, digits and dashes only')),
});
const cancelForm = z.object({ reason: z.string().trim().min(1).max(500) });

const TAGS = ['admin console'];

/** Shop dates are in China time: a day filter means that day in Asia/Shanghai. */
function shopDay(day: string | undefined, addDays = 0): Date | undefined {
  if (!day) return undefined;
  const at = new Date(`${day}T00:00:00+08:00`);
  at.setUTCDate(at.getUTCDate() + addDays);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export async function orderPages(app: FastifyInstance) {
  app.get(
    '/admin/console/orders',
    { schema: { hide: true, tags: TAGS, summary: 'Orders list page', querystring: listQuery } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.ordersRead);
      const ctx = adminContext(request);
      const query = request.query as z.infer<typeof listQuery>;
      const result = await listOrders(request.server.deps.sql, {
        status: query.status || undefined,
        q: query.q || undefined,
        from: shopDay(query.from),
        to: shopDay(query.to, 1),
        page: query.page,
        pageSize: 20,
      });
      const { t } = ctx;
      const main = html`
<form class="filters" method="get" action="/admin/console/orders" role="search">
  <label>${t('订单号或邮箱', 'Number or email')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <label>${t('状态', 'Status')} <select name="status"><option value="">${t('全部', 'All')}</option>
    ${ORDER_STATUSES.map((s) => html`<option value="${s}"${query.status === s ? html` selected` : ''}>${statusLabel(ctx, s)}</option>`)}
  </select></label>
  <label>${t('起始日期', 'From')} <input type="date" name="from" value="${query.from ?? ''}"></label>
  <label>${t('截止日期', 'To')} <input type="date" name="to" value="${query.to ?? ''}"></label>
  <button type="submit">${t('筛选', 'Filter')}</button>
</form>
${ordersTable(ctx, result.items)}
${pager(ctx, { page: result.page, pageSize: result.pageSize, total: result.total, query: { q: query.q, status: query.status, from: query.from, to: query.to } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('订单', 'Orders'), main }));
    },
  );

  app.get(
    '/admin/console/orders/:id',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Order detail page',
        params: idParams,
        querystring: doneQuery,
      },
    },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.ordersRead);
      const { id } = request.params as z.infer<typeof idParams>;
      const ctx = adminContext(request);
      const flash = flashFrom(ctx, (request.query as z.infer<typeof doneQuery>).done);
      return showOrder(request, reply, id, { flash });
    },
  );

  app.post(
    '/admin/console/orders/:id/ship',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Mark an order shipped (form)',
        params: idParams,
        body: formBody,
      },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.ordersWrite);
      const { id } = request.params as z.infer<typeof idParams>;
      const body = request.body as Record<string, unknown>;
      try {
        const { trackingNumber } = shipForm.parse({ trackingNumber: field(body, 'trackingNumber') });
        await markOrderShipped(request.server.deps.sql, {
          orderId: id,
          trackingNumber,
          actor: `staff:${session.staffId}`,
        });
      } catch (error) {
        return showOrder(request, reply, id, { error, trackingNumber: field(body, 'trackingNumber') });
      }
      return redirectDone(reply, `/admin/console/orders/${encodeURIComponent(id)}`, 'order_shipped');
    },
  );

  const simpleAction = (
    path: string,
    summary: string,
    flash: 'order_delivered' | 'order_completed',
    run: typeof markOrderDelivered,
  ) =>
    app.post(
      `/admin/console/orders/:id/${path}`,
      { schema: { hide: true, tags: TAGS, summary, params: idParams, body: formBody } },
      async (request, reply) => {
        const session = requireStaff(request, ADMIN_PERMISSIONS.ordersWrite);
        const { id } = request.params as z.infer<typeof idParams>;
        try {
          await run(request.server.deps.sql, { orderId: id, actor: `staff:${session.staffId}` });
        } catch (error) {
          return showOrder(request, reply, id, { error });
        }
        return redirectDone(reply, `/admin/console/orders/${encodeURIComponent(id)}`, flash);
      },
    );
  simpleAction('deliver', 'Mark an order delivered (form)', 'order_delivered', markOrderDelivered);
  simpleAction('complete', 'Complete an order (form)', 'order_completed', completeOrder);

  registerRefundRoute(app, (request, reply, id, error) => showOrder(request, reply, id, { error }));

  app.get(
    '/admin/console/orders/:id/cancel',
    { schema: { hide: true, tags: TAGS, summary: 'Confirm cancelling an order', params: idParams } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.ordersWrite);
      const { id } = request.params as z.infer<typeof idParams>;
      const order = await getOrderForAdmin(request.server.deps.sql, id);
      return sendCancelConfirm(request, reply, order, {});
    },
  );

  app.post(
    '/admin/console/orders/:id/cancel',
    {
      schema: { hide: true, tags: TAGS, summary: 'Cancel an order (form)', params: idParams, body: formBody },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.ordersWrite);
      const { id } = request.params as z.infer<typeof idParams>;
      const body = request.body as Record<string, unknown>;
      try {
        const { reason } = cancelForm.parse({ reason: field(body, 'reason') });
        await cancelOrder(request.server.deps.sql, {
          orderId: id,
          reason,
          actor: `staff:${session.staffId}`,
        });
      } catch (error) {
        const order = await getOrderForAdmin(request.server.deps.sql, id);
        return sendCancelConfirm(request, reply, order, { error, reason: field(body, 'reason') });
      }
      return redirectDone(reply, `/admin/console/orders/${encodeURIComponent(id)}`, 'order_cancelled');
    },
  );
}

function ordersTable(ctx: AdminContext, items: Awaited<ReturnType<typeof listOrders>>['items']): SafeHtml {
  const { t } = ctx;
  if (!items.length) return html`<p class="muted">${t('没有符合条件的订单。', 'No orders match.')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('订单号', 'Number')}</th><th scope="col">${t('下单时间', 'Placed')}</th><th scope="col">${t('邮箱', 'Email')}</th><th scope="col" class="num">${t('件数', 'Items')}</th><th scope="col" class="num">${t('金额', 'Total')}</th><th scope="col">${t('状态', 'Status')}</th></tr></thead>
<tbody>${items.map(
    (o) =>
      html`<tr><td><a href="/admin/console/orders/${o.id}">${o.number}</a></td><td>${dateTime(ctx, o.createdAt)}</td><td>${o.email}</td><td class="num">${o.itemCount}</td><td class="num">${money(ctx, o.total.amountMinor, o.total.currency)}</td><td><span class="badge">${statusLabel(ctx, o.status)}</span></td></tr>`,
  )}</tbody></table></div>`;
}

/** The orders table for other screens (dashboard, customer detail). */
export { ordersTable };

interface ShowOptions {
  flash?: string | null;
  error?: unknown;
  trackingNumber?: string;
}

async function showOrder(request: FastifyRequest, reply: FastifyReply, id: string, options: ShowOptions) {
  const ctx = adminContext(request);
  const db = request.server.deps.sql;
  const order = await getOrderForAdmin(db, id);
  const payments = await orderPayments(db, order.id);
  const main = html`${orderSummary(ctx, order)}
${can(ctx, 'ordersWrite') && orderActions(ctx, order, options.trackingNumber)}
${linesTable(ctx, order)}
<div class="grid2">
  <section class="panel" aria-labelledby="address-h"><h2 id="address-h">${ctx.t('收货地址', 'Shipping address')}</h2>${address(order)}</section>
  <section class="panel" aria-labelledby="payments-h"><h2 id="payments-h">${ctx.t('支付', 'Payments')}</h2>${payments(ctx)}</section>
</div>
<section class="panel" aria-labelledby="timeline-h"><h2 id="timeline-h">${ctx.t('时间线', 'Timeline')}</h2>${timeline(ctx, order)}</section>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const status = options.error ? errorStatus(options.error) : 200;
  const title = `${ctx.t('订单', 'Order')} ${order.number}`;
  return sendPage(reply, adminPage(ctx, { title, main, flash: options.flash, errors }), status);
}

function orderSummary(ctx: AdminContext, order: Order): SafeHtml {
  const { t } = ctx;
  return html`<div class="cards">
  <div class="card"><div class="label">${t('状态', 'Status')}</div><div class="value">${statusLabel(ctx, order.status)}</div></div>
  <div class="card"><div class="label">${t('合计', 'Total')}</div><div class="value">${money(ctx, order.total.amountMinor, order.total.currency)}</div>
    <div class="muted">${t('商品', 'Items')} ${money(ctx, order.subtotal.amountMinor, order.subtotal.currency)} · ${t('运费', 'Shipping')} ${money(ctx, order.shipping.amountMinor, order.shipping.currency)}${order.discount.amountMinor ? html` · ${t('优惠', 'Discount')} −${money(ctx, order.discount.amountMinor, order.discount.currency)}` : ''}</div></div>
  <div class="card"><div class="label">${t('顾客', 'Customer')}</div><div>${order.email || '—'}</div><div>${order.phone}</div>
    ${order.customerId ? html`<a href="/admin/console/customers/${order.customerId}">${t('查看客户', 'View customer')}</a>` : html`<span class="muted">${t('访客下单', 'Guest checkout')}</span>`}</div>
  <div class="card"><div class="label">${t('下单时间', 'Placed')}</div><div>${dateTime(ctx, order.createdAt)}</div>
    <div class="muted">${t('配送', 'Delivery')}: ${order.deliveryOption}</div>
    ${order.trackingNumber && html`<div>${t('运单号', 'Tracking')}: <strong>${order.trackingNumber}</strong></div>`}</div>
</div>`;
}

function orderActions(ctx: AdminContext, order: Order, trackingNumber = ''): SafeHtml | null {
  const { t } = ctx;
  const base = `/admin/console/orders/${order.id}`;
  const actions: SafeHtml[] = [];
  if (order.status === 'paid') {
    actions.push(html`<form method="post" action="${base}/ship">${csrfField(ctx)}
      <label>${t('运单号', 'Tracking number')} <input name="trackingNumber" required minlength="4" maxlength="64" pattern="[A-Za-z0-9\\-]+" value="${trackingNumber}" autocomplete="off"></label>
      <button type="submit">${t('标记为已发货', 'Mark shipped')}</button></form>`);
  }
  if (order.status === 'shipped') {
    actions.push(
      html`<form method="post" action="${base}/deliver">${csrfField(ctx)}<button type="submit">${t('标记为已送达', 'Mark delivered')}</button></form>`,
    );
  }
  if (order.status === 'delivered') {
    actions.push(
      html`<form method="post" action="${base}/complete">${csrfField(ctx)}<button type="submit">${t('完成订单', 'Complete order')}</button></form>`,
    );
  }
  if (order.status === 'pending_payment' || order.status === 'paid') {
    actions.push(
      html`<a class="button secondary" href="${base}/cancel">${t('取消订单…', 'Cancel order…')}</a>`,
    );
  }
  if (!actions.length) return null;
  return html`<section class="panel" aria-labelledby="actions-h"><h2 id="actions-h">${t('操作', 'Actions')}</h2><div class="actions">${actions}</div></section>`;
}

function linesTable(ctx: AdminContext, order: Order): SafeHtml {
  const { t } = ctx;
  const pick = (text: { zh: string; en: string }) =>
    ctx.lang === 'en' ? text.en || text.zh : text.zh || text.en;
  return html`<section class="panel" aria-labelledby="lines-h"><h2 id="lines-h">${t('商品明细', 'Lines')}</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">${t('商品', 'Product')}</th><th scope="col">SKU</th><th scope="col" class="num">${t('单价', 'Unit price')}</th><th scope="col" class="num">${t('数量', 'Qty')}</th><th scope="col" class="num">${t('小计', 'Line total')}</th></tr></thead>
<tbody>${order.lines.map(
    (l) =>
      html`<tr><td>${pick(l.title)}${pick(l.variantLabel) && html`<div class="muted">${pick(l.variantLabel)}</div>`}</td><td>${l.sku}</td><td class="num">${money(ctx, l.unitPrice.amountMinor, l.unitPrice.currency)}</td><td class="num">${l.quantity}</td><td class="num">${money(ctx, l.lineTotal.amountMinor, l.lineTotal.currency)}</td></tr>`,
  )}</tbody></table></div></section>`;
}

function address(order: Order): SafeHtml {
  const a = order.shippingAddress;
  return html`<address>${a.recipient} · ${a.phone}<br>${a.province} ${a.city} ${a.district}<br>${a.line1}${a.postalCode && html`<br>${a.postalCode}`}</address>`;
}

function timeline(ctx: AdminContext, order: Order): SafeHtml {
  const events = [...order.timeline].reverse();
  return html`<ol class="timeline" reversed>${events.map(
    (e) => html`<li><time datetime="${new Date(e.at).toISOString()}">${dateTime(ctx, e.at)}</time> ·
      <strong>${timelineText(ctx.lang, e)}</strong>
      ${e.note && html` — ${e.note}`} <span class="muted">(${actorLabel(ctx.lang, e.actor)})</span></li>`,
  )}</ol>`;
}

function sendCancelConfirm(
  request: FastifyRequest,
  reply: FastifyReply,
  order: Order,
  options: { error?: unknown; reason?: string },
) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const main = html`<form class="stack panel" method="post" action="/admin/console/orders/${order.id}/cancel">${csrfField(ctx)}
  <p>${t(
    `确定要取消订单 ${order.number} 吗？库存将被释放；已付款的订单需要随后退款。`,
    `Cancel order ${order.number}? Its stock is released; a paid order must then be refunded.`,
  )}</p>
  <label for="reason">${t('取消原因', 'Reason')}</label>
  <textarea id="reason" name="reason" required maxlength="500">${options.reason ?? ''}</textarea>
  <div class="actions"><button class="danger" type="submit">${t('确认取消订单', 'Yes, cancel the order')}</button>
  <a href="/admin/console/orders/${order.id}">${t('返回，不取消', 'Back, keep the order')}</a></div>
</form>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const status = options.error ? errorStatus(options.error) : 200;
  return sendPage(
    reply,
    adminPage(ctx, { title: `${t('取消订单', 'Cancel order')} ${order.number}`, main, errors }),
    status,
  );
}
