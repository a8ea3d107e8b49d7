/** The dashboard at /admin: today's orders and revenue, low stock, the latest orders. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireStaff } from '../../modules/identity/index.ts';
import { getDailyOrderFigures, listOrders } from '../../modules/orders/index.ts';
import { html } from '../html.ts';
import { ADMIN_PERMISSIONS, adminContext, can } from './admin-context.ts';
import { flashFrom, money } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';
import { lowStockPanel } from './low-stock-panel.ts';
import { ordersTable } from './order-pages.ts';

const query = z.object({ done: z.string().max(40).optional() });

export async function dashboardPage(app: FastifyInstance) {
  app.get(
    '/admin',
    { schema: { hide: true, tags: ['admin console'], summary: 'Admin dashboard page', querystring: query } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.dashboard);
      const ctx = adminContext(request);
      const { t } = ctx;
      const db = request.server.deps.sql;
      const [today, recent] = await Promise.all([
        getDailyOrderFigures(db),
        listOrders(db, { page: 1, pageSize: 10 }),
      ]);
      const main = html`<div class="cards">
  <div class="card"><div class="label">${t('admin.dashboard.todaysOrders')}</div><div class="value">${today.orders}</div></div>
  <div class="card"><div class="label">${t('admin.dashboard.todaysRevenuePaid')}</div><div class="value">${money(ctx, today.revenueMinor)}</div></div>
  <div class="card"><div class="label">${t('admin.dashboard.awaitingShipment')}</div><div class="value">${today.awaitingShipment}</div><div class="muted">${t('admin.dashboard.today')}</div></div>
</div>
${can(ctx, 'inventory') && (await lowStockPanel(db, ctx))}
<section aria-labelledby="recent-h"><h2 id="recent-h">${t('admin.dashboard.recentOrders')}</h2>${ordersTable(ctx, recent.items)}
<p><a href="/admin/console/orders">${t('admin.dashboard.allOrders')}</a></p></section>`;
      const flash = flashFrom(ctx, (request.query as z.infer<typeof query>).done);
      return sendPage(reply, adminPage(ctx, { title: t('admin.dashboard.dashboard'), main, flash }));
    },
  );
}
