/**
 * Customers for merchants and agents (read-only): the searchable list and one customer's
 * profile, addresses and orders, all read through the customers and orders modules.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getCustomerForAdmin, listCustomersForAdmin } from '../../modules/customers/index.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import { listCustomerOrders } from '../../modules/orders/index.ts';
import { html } from '../html.ts';
import { ADMIN_PERMISSIONS, adminContext } from './admin-context.ts';
import { dateTime, pageParam, pager } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';
import { ordersTable } from './order-pages.ts';

const TAGS = ['admin console'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const detailQuery = z.object({ page: pageParam });
const listQuery = z.object({ q: z.string().max(100).optional().catch(undefined), page: pageParam });

export async function customerPages(app: FastifyInstance) {
  app.get(
    '/admin/console/customers',
    { schema: { hide: true, tags: TAGS, summary: 'Customers list page', querystring: listQuery } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.customers);
      const ctx = adminContext(request);
      const { t } = ctx;
      const query = request.query as z.infer<typeof listQuery>;
      const result = await listCustomersForAdmin(request.server.deps.sql, {
        q: query.q || undefined,
        page: query.page,
        pageSize: 20,
      });
      const main = html`<form class="filters" method="get" action="/admin/console/customers" role="search">
  <label>${t('admin.customers.emailPhoneOrName')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <button type="submit">${t('admin.customers.search')}</button>
</form>
${
  result.items.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.customers.name')}</th><th scope="col">${t('admin.common.email')}</th><th scope="col">${t('admin.customers.phone')}</th><th scope="col">${t('admin.customers.joined')}</th></tr></thead>
<tbody>${result.items.map(
        (c) =>
          html`<tr><td><a href="/admin/console/customers/${c.id}">${c.name || t('admin.customers.noName')}</a></td><td>${c.email ?? '—'}</td><td>${c.phone ?? '—'}</td><td>${dateTime(ctx, c.createdAt)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('admin.customers.noCustomersMatch')}</p>`
}
${pager(ctx, { page: result.page, pageSize: result.pageSize, total: result.total, query: { q: query.q } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('admin.customers.customers'), main }));
    },
  );

  app.get(
    '/admin/console/customers/:id',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Customer detail page',
        params: idParams,
        querystring: detailQuery,
      },
    },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.customers);
      const ctx = adminContext(request);
      const { t } = ctx;
      const db = request.server.deps.sql;
      const { id } = request.params as z.infer<typeof idParams>;
      const { page } = request.query as z.infer<typeof detailQuery>;
      const customer = await getCustomerForAdmin(db, id);
      const { addresses } = customer;
      const orders = await listCustomerOrders(db, customer.id, { page, pageSize: 20 });
      const main = html`<div class="cards">
  <div class="card"><div class="label">${t('admin.customers.name')}</div><div>${customer.name || '—'}</div></div>
  <div class="card"><div class="label">${t('admin.common.email')}</div><div>${customer.email ?? '—'}</div></div>
  <div class="card"><div class="label">${t('admin.customers.phone')}</div><div>${customer.phone ?? '—'}</div></div>
  <div class="card"><div class="label">${t('admin.customers.joined')}</div><div>${dateTime(ctx, customer.createdAt)}</div>
    <div class="muted">${t('admin.customers.language')}: ${customer.locale}</div></div>
</div>
<section class="panel" aria-labelledby="addresses-h"><h2 id="addresses-h">${t('admin.customers.addresses')}</h2>
${
  addresses.length
    ? html`<ul class="timeline">${addresses.map(
        (a) =>
          html`<li><address>${a.recipient} · ${a.phone}<br>${a.province} ${a.city} ${a.district} ${a.line1} ${a.postalCode}</address>${a.isDefault && html`<span class="badge">${t('admin.customers.default')}</span>`}</li>`,
      )}</ul>`
    : html`<p class="muted">${t('admin.customers.noSavedAddresses')}</p>`
}</section>
<section aria-labelledby="orders-h"><h2 id="orders-h">${t('admin.common.orders')}</h2>
${ordersTable(ctx, orders.items)}
${pager(ctx, { page: orders.page, pageSize: orders.pageSize, total: orders.total, query: {} })}</section>`;
      const title = `${t('admin.customers.customer')}: ${customer.name || customer.email || customer.phone || customer.id}`;
      return sendPage(reply, adminPage(ctx, { title, main }));
    },
  );
}
