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
  <label>${t('邮箱、手机或姓名', 'Email, phone or name')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <button type="submit">${t('搜索', 'Search')}</button>
</form>
${
  result.items.length
    ? html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('姓名', 'Name')}</th><th scope="col">${t('邮箱', 'Email')}</th><th scope="col">${t('手机', 'Phone')}</th><th scope="col">${t('注册时间', 'Joined')}</th></tr></thead>
<tbody>${result.items.map(
        (c) =>
          html`<tr><td><a href="/admin/console/customers/${c.id}">${c.name || t('（未填写）', '(no name)')}</a></td><td>${c.email ?? '—'}</td><td>${c.phone ?? '—'}</td><td>${dateTime(ctx, c.createdAt)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('没有符合条件的客户。', 'No customers match.')}</p>`
}
${pager(ctx, { page: result.page, pageSize: result.pageSize, total: result.total, query: { q: query.q } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('客户', 'Customers'), main }));
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
  <div class="card"><div class="label">${t('姓名', 'Name')}</div><div>${customer.name || '—'}</div></div>
  <div class="card"><div class="label">${t('邮箱', 'Email')}</div><div>${customer.email ?? '—'}</div></div>
  <div class="card"><div class="label">${t('手机', 'Phone')}</div><div>${customer.phone ?? '—'}</div></div>
  <div class="card"><div class="label">${t('注册时间', 'Joined')}</div><div>${dateTime(ctx, customer.createdAt)}</div>
    <div class="muted">${t('语言', 'Language')}: ${customer.locale}</div></div>
</div>
<section class="panel" aria-labelledby="addresses-h"><h2 id="addresses-h">${t('地址', 'Addresses')}</h2>
${
  addresses.length
    ? html`<ul class="timeline">${addresses.map(
        (a) =>
          html`<li><address>${a.recipient} · ${a.phone}<br>${a.province} ${a.city} ${a.district} ${a.line1} ${a.postalCode}</address>${a.isDefault && html`<span class="badge">${t('默认', 'Default')}</span>`}</li>`,
      )}</ul>`
    : html`<p class="muted">${t('没有保存的地址。', 'No saved addresses.')}</p>`
}</section>
<section aria-labelledby="orders-h"><h2 id="orders-h">${t('订单', 'Orders')}</h2>
${ordersTable(ctx, orders.items)}
${pager(ctx, { page: orders.page, pageSize: orders.pageSize, total: orders.total, query: {} })}</section>`;
      const title = `${t('客户', 'Customer')}: ${customer.name || customer.email || customer.phone || customer.id}`;
      return sendPage(reply, adminPage(ctx, { title, main }));
    },
  );
}
