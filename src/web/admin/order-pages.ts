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
  CANCEL_REASON,
  cancelOrder,
  completeOrder,
  getOrderForAdmin,
  listOrders,
  markOrderDelivered,
  markOrderShipped,
  ORDER_STATUSES,
  type Order,
  type OrderStatus,
  orderActionsFor,
  TRACKING_NUMBER,
} from '../../modules/orders/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { actorLabel, deliveryOptionName, orderStatusLabel, pick, timelineText } from '../i18n/index.ts';
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

/** An order status in the page's language (the same words the storefront uses). */
export function statusLabel(ctx: AdminContext, status: OrderStatus): string {
  return orderStatusLabel(ctx.lang, status);
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
  // The orders module's rule (markOrderShipped applies it too), asked here to re-show the form.
  trackingNumber: z
    .string()
    .trim()
    .min(TRACKING_NUMBER.minLength)
    .max(TRACKING_NUMBER.maxLength)
    .pipe(formatted(TRACKING_NUMBER.pattern, 'tracking_number', 'use letters, digits and dashes only')),
});

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
  <label>${t('admin.orders.numberOrEmail')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <label>${t('admin.common.status')} <select name="status"><option value="">${t('admin.common.all')}</option>
    ${ORDER_STATUSES.map((s) => html`<option value="${s}"${query.status === s ? html` selected` : ''}>${statusLabel(ctx, s)}</option>`)}
  </select></label>
  <label>${t('admin.orders.from')} <input type="date" name="from" value="${query.from ?? ''}"></label>
  <label>${t('admin.orders.to')} <input type="date" name="to" value="${query.to ?? ''}"></label>
  <button type="submit">${t('admin.common.filter')}</button>
</form>
${ordersTable(ctx, result.items)}
${pager(ctx, { page: result.page, pageSize: result.pageSize, total: result.total, query: { q: query.q, status: query.status, from: query.from, to: query.to } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('admin.common.orders'), main }));
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
        await cancelOrder(request.server.deps.sql, {
          orderId: id,
          reason: field(body, 'reason'),
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
  if (!items.length) return html`<p class="muted">${t('admin.orders.noOrdersMatch')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.orders.number')}</th><th scope="col">${t('admin.orders.placed')}</th><th scope="col">${t('admin.common.email')}</th><th scope="col" class="num">${t('admin.orders.itemCount')}</th><th scope="col" class="num">${t('admin.orders.amount')}</th><th scope="col">${t('admin.common.status')}</th></tr></thead>
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
  <section class="panel" aria-labelledby="address-h"><h2 id="address-h">${ctx.t('admin.orders.shippingAddress')}</h2>${address(order)}</section>
  <section class="panel" aria-labelledby="payments-h"><h2 id="payments-h">${ctx.t('admin.orders.payments')}</h2>${payments(ctx)}</section>
</div>
<section class="panel" aria-labelledby="timeline-h"><h2 id="timeline-h">${ctx.t('admin.orders.timeline')}</h2>${timeline(ctx, order)}</section>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const status = options.error ? errorStatus(options.error) : 200;
  const title = `${ctx.t('admin.orders.order')} ${order.number}`;
  return sendPage(reply, adminPage(ctx, { title, main, flash: options.flash, errors }), status);
}

function orderSummary(ctx: AdminContext, order: Order): SafeHtml {
  const { t } = ctx;
  return html`<div class="cards">
  <div class="card"><div class="label">${t('admin.common.status')}</div><div class="value">${statusLabel(ctx, order.status)}</div></div>
  <div class="card"><div class="label">${t('admin.orders.grandTotal')}</div><div class="value">${money(ctx, order.total.amountMinor, order.total.currency)}</div>
    <div class="muted">${t('admin.orders.goods')} ${money(ctx, order.subtotal.amountMinor, order.subtotal.currency)} · ${t('admin.orders.shipping')} ${money(ctx, order.shipping.amountMinor, order.shipping.currency)}${order.discount.amountMinor ? html` · ${t('admin.orders.discount')} −${money(ctx, order.discount.amountMinor, order.discount.currency)}` : ''}</div></div>
  <div class="card"><div class="label">${t('admin.orders.customer')}</div><div>${order.email || '—'}</div><div>${order.phone}</div>
    ${order.customerId ? html`<a href="/admin/console/customers/${order.customerId}">${t('admin.orders.viewCustomer')}</a>` : html`<span class="muted">${t('admin.orders.guestCheckout')}</span>`}</div>
  <div class="card"><div class="label">${t('admin.orders.placed')}</div><div>${dateTime(ctx, order.createdAt)}</div>
    <div class="muted">${t('admin.orders.delivery')}: ${deliveryName(ctx, order.deliveryOption)}</div>
    ${order.trackingNumber && html`<div>${t('admin.orders.tracking')}: <strong>${order.trackingNumber}</strong></div>`}</div>
</div>`;
}

/** The delivery option's name in the page's language, from the catalogue. */
function deliveryName(ctx: AdminContext, code: string): string {
  return deliveryOptionName(ctx.lang, code);
}

function orderActions(ctx: AdminContext, order: Order, trackingNumber = ''): SafeHtml | null {
  const { t } = ctx;
  const base = `/admin/console/orders/${order.id}`;
  const actions: SafeHtml[] = [];
  const allowed = orderActionsFor(order.status);
  if (allowed.canShip) {
    actions.push(html`<form method="post" action="${base}/ship">${csrfField(ctx)}
      <label>${t('admin.orders.trackingNumber')} <input name="trackingNumber" required minlength="4" maxlength="64" pattern="[A-Za-z0-9\\-]+" value="${trackingNumber}" autocomplete="off"></label>
      <button type="submit">${t('admin.orders.markShipped')}</button></form>`);
  }
  if (allowed.canDeliver) {
    actions.push(
      html`<form method="post" action="${base}/deliver">${csrfField(ctx)}<button type="submit">${t('admin.orders.markDelivered')}</button></form>`,
    );
  }
  if (allowed.canComplete) {
    actions.push(
      html`<form method="post" action="${base}/complete">${csrfField(ctx)}<button type="submit">${t('admin.orders.completeOrder')}</button></form>`,
    );
  }
  if (allowed.canCancel) {
    actions.push(
      html`<a class="button secondary" href="${base}/cancel">${t('admin.orders.cancelOrder')}</a>`,
    );
  }
  if (!actions.length) return null;
  return html`<section class="panel" aria-labelledby="actions-h"><h2 id="actions-h">${t('admin.orders.actions')}</h2><div class="actions">${actions}</div></section>`;
}

function linesTable(ctx: AdminContext, order: Order): SafeHtml {
  const { t } = ctx;
  const name = (text: { zh: string; en: string }) => pick(ctx.lang, text);
  return html`<section class="panel" aria-labelledby="lines-h"><h2 id="lines-h">${t('admin.orders.lines')}</h2><div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.common.product')}</th><th scope="col">SKU</th><th scope="col" class="num">${t('admin.orders.unitPrice')}</th><th scope="col" class="num">${t('admin.orders.qty')}</th><th scope="col" class="num">${t('admin.orders.lineTotal')}</th></tr></thead>
<tbody>${order.lines.map(
    (l) =>
      html`<tr><td>${name(l.title)}${name(l.variantLabel) && html`<div class="muted">${name(l.variantLabel)}</div>`}</td><td>${l.sku}</td><td class="num">${money(ctx, l.unitPrice.amountMinor, l.unitPrice.currency)}</td><td class="num">${l.quantity}</td><td class="num">${money(ctx, l.lineTotal.amountMinor, l.lineTotal.currency)}</td></tr>`,
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
  <p>${t('admin.orders.cancelOrderItsStockIs', { number: order.number })}</p>
  <label for="reason">${t('admin.orders.reason')}</label>
  <textarea id="reason" name="reason" required maxlength="${CANCEL_REASON.maxLength}">${options.reason ?? ''}</textarea>
  <div class="actions"><button class="danger" type="submit">${t('admin.orders.yesCancelTheOrder')}</button>
  <a href="/admin/console/orders/${order.id}">${t('admin.orders.backKeepTheOrder')}</a></div>
</form>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const status = options.error ? errorStatus(options.error) : 200;
  return sendPage(
    reply,
    adminPage(ctx, { title: `${t('admin.orders.cancelOrderTitle')} ${order.number}`, main, errors }),
    status,
  );
}
