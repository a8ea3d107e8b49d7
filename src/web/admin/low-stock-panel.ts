/** The dashboard's low-stock list, read through the inventory module. */
import type { Db } from '../../app/database.ts';
import { listLowStock } from '../../modules/inventory/index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { AdminContext } from './admin-context.ts';
import { stockTable } from './inventory-pages.ts';

const DASHBOARD_ROWS = 10;

/** Variants at or under their low-stock threshold, lowest first, linked to their stock page. */
export async function lowStockPanel(db: Db, ctx: AdminContext): Promise<SafeHtml> {
  const { t } = ctx;
  const rows = await listLowStock(db, DASHBOARD_ROWS);
  return html`<section aria-labelledby="low-h"><h2 id="low-h">${t('admin.dashboard.lowStock')}</h2>
${stockTable(ctx, rows)}
<p><a href="/admin/console/inventory?low=1">${t('admin.dashboard.allLowStock')}</a></p></section>`;
}
