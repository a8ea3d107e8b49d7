/**
 * Inventory for merchants: stock per variant and warehouse (search, low-stock filter), and one
 * product's stock with the adjust form (reason and note) and each variant's movement history.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../app/errors.ts';
import { issueCode } from '../../app/field-issues.ts';
import { getProductDetail, type ProductDetail, variantLabel } from '../../modules/catalog/index.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import {
  ADJUSTMENT_REASONS,
  adjustStock,
  getStockLevels,
  listStock,
  listStockMovements,
  listWarehouses,
  type StockRow,
} from '../../modules/inventory/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { isMessageKey } from '../i18n/index.ts';
import { ADMIN_PERMISSIONS, type AdminContext, adminContext } from './admin-context.ts';
import {
  csrfField,
  dateTime,
  describeError,
  errorStatus,
  field,
  flashFrom,
  pageParam,
  pager,
  redirectDone,
} from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const TAGS = ['admin console'];
const PAGE_SIZE = 50;
const HISTORY_PER_VARIANT = 20;
const listQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  warehouse: z.string().max(100).optional().catch(undefined),
  low: z.literal('1').optional().catch(undefined),
  page: pageParam,
});
const productParams = z.object({ productId: z.string().min(1).max(100) });
const doneQuery = z.object({ done: z.string().max(40).optional() });
// Field problems are shown from their issue codes (src/web/i18n), never from these English messages.
const adjustForm = z.object({
  variantId: z.string().min(1).max(100),
  warehouseId: z.string().min(1).max(100),
  delta: z.coerce
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, issueCode('not_zero', 'must not be zero')),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: z.string().max(500),
});

/** A stock movement's reason in words (`admin.inventory.reason.<reason>`); an unknown one as itself. */
function reasonLabel(ctx: AdminContext, reason: string): string {
  const key = `admin.inventory.reason.${reason}`;
  return isMessageKey(key) ? ctx.t(key) : reason;
}

export async function inventoryPages(app: FastifyInstance) {
  app.get(
    '/admin/console/inventory',
    { schema: { hide: true, tags: TAGS, summary: 'Inventory page', querystring: listQuery } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.inventory);
      const ctx = adminContext(request);
      const { t } = ctx;
      const query = request.query as z.infer<typeof listQuery>;
      const db = request.server.deps.sql;
      const [warehouses, result] = await Promise.all([
        listWarehouses(db),
        listStock(db, {
          q: query.q || undefined,
          warehouseId: query.warehouse || undefined,
          lowOnly: query.low === '1',
          page: query.page,
          pageSize: PAGE_SIZE,
        }),
      ]);
      const main = html`<form class="filters" method="get" action="/admin/console/inventory" role="search">
  <label>${t('admin.inventory.skuOrProduct')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <label>${t('admin.inventory.warehouse')} <select name="warehouse"><option value="">${t('admin.common.all')}</option>
    ${warehouses.map((w) => html`<option value="${w.id}"${query.warehouse === w.id ? html` selected` : ''}>${ctx.lang === 'en' ? w.name.en : w.name.zh} (${w.code})</option>`)}</select></label>
  <label class="inline"><input type="checkbox" name="low" value="1"${query.low === '1' ? html` checked` : ''}> ${t('admin.inventory.lowStockOnly')}</label>
  <button type="submit">${t('admin.common.filter')}</button>
</form>
${stockTable(ctx, result.items)}
${pager(ctx, { page: query.page, pageSize: PAGE_SIZE, total: result.total, query: { q: query.q, warehouse: query.warehouse, low: query.low } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('admin.inventory.inventory'), main }));
    },
  );

  app.get(
    '/admin/console/inventory/products/:productId',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: "A product's stock page",
        params: productParams,
        querystring: doneQuery,
      },
    },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.inventory);
      const product = await loadProduct(request);
      const flash = flashFrom(adminContext(request), (request.query as z.infer<typeof doneQuery>).done);
      return sendProductStock(request, reply, product, { flash });
    },
  );

  app.post(
    '/admin/console/inventory/products/:productId/adjust',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Adjust stock (form)',
        params: productParams,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.inventory);
      const product = await loadProduct(request);
      const body = request.body as Record<string, unknown>;
      const posted = {
        variantId: field(body, 'variantId'),
        warehouseId: field(body, 'warehouseId'),
        delta: field(body, 'delta'),
        reason: field(body, 'reason'),
        note: field(body, 'note'),
      };
      try {
        const input = adjustForm.parse(posted);
        // only this product's variants may be adjusted from its page
        if (!product.variants.some((v) => v.id === input.variantId)) throw notFound('variant');
        await adjustStock(request.server.deps.sql, { ...input, actorId: session.staffId });
      } catch (error) {
        return sendProductStock(request, reply, product, { error, posted });
      }
      return redirectDone(reply, `/admin/console/inventory/products/${product.id}`, 'stock_adjusted');
    },
  );
}

async function loadProduct(request: FastifyRequest): Promise<ProductDetail> {
  const { productId } = request.params as z.infer<typeof productParams>;
  const product = await getProductDetail(request.server.deps.sql, productId, { includeUnpublished: true });
  if (!product) throw notFound('product');
  return product;
}

function stockTable(ctx: AdminContext, rows: StockRow[]): SafeHtml {
  const { t } = ctx;
  if (!rows.length) return html`<p class="muted">${t('admin.inventory.noStockRowsMatch')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">SKU</th><th scope="col">${t('admin.common.product')}</th><th scope="col">${t('admin.inventory.warehouse')}</th><th scope="col" class="num">${t('admin.inventory.onHand')}</th><th scope="col" class="num">${t('admin.inventory.reserved')}</th><th scope="col" class="num">${t('admin.common.available')}</th><th scope="col">${t('admin.inventory.alert')}</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr><td><a href="/admin/console/inventory/products/${r.productId}">${r.sku}</a></td><td>${ctx.lang === 'en' ? r.productTitle.en : r.productTitle.zh}</td><td>${r.warehouseCode}</td>
<td class="num">${r.onHand}</td><td class="num">${r.reserved}</td><td class="num">${r.available}</td>
<td>${r.available <= 0 ? html`<span class="badge">${t('admin.inventory.outOfStock')}</span>` : r.isLow ? html`<span class="badge">${t('admin.inventory.low')}</span>` : ''}</td></tr>`,
  )}</tbody></table></div>`;
}

/** The low-stock rows for the dashboard. */
export { stockTable };

interface StockPageOptions {
  flash?: string | null;
  error?: unknown;
  posted?: Record<string, string>;
}

async function sendProductStock(
  request: FastifyRequest,
  reply: FastifyReply,
  product: ProductDetail,
  options: StockPageOptions,
) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const db = request.server.deps.sql;
  const variantIds = product.variants.map((v) => v.id);
  const [warehouses, levels, histories] = await Promise.all([
    listWarehouses(db),
    getStockLevels(db, variantIds),
    Promise.all(variantIds.map((id) => listStockMovements(db, id, HISTORY_PER_VARIANT))),
  ]);
  const codeOf = new Map(warehouses.map((w) => [w.id, w.code]));
  const label = (optionValues: Record<string, string>) => {
    const l = variantLabel(product.options, optionValues);
    return ctx.lang === 'en' ? l.en : l.zh;
  };
  const posted = options.posted ?? {};
  const main = html`<p><a href="/admin/console/products/${product.id}">${t('admin.inventory.editTheProduct')}</a> · <a href="/admin/console/inventory">${t('admin.inventory.allStock')}</a></p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">SKU</th><th scope="col">${t('admin.inventory.variant')}</th>${warehouses.map((w) => html`<th scope="col" class="num">${w.code} ${t('admin.inventory.onHandReservedAvailable')}</th>`)}</tr></thead>
<tbody>${product.variants.map(
    (v) =>
      html`<tr><td>${v.sku}</td><td>${label(v.optionValues) || '—'}</td>${warehouses.map((w) => {
        const level = levels.find((l) => l.variantId === v.id && l.warehouseId === w.id);
        return html`<td class="num">${level ? `${level.onHand} / ${level.reserved} / ${level.available}` : '—'}</td>`;
      })}</tr>`,
  )}</tbody></table></div>
<section class="panel" aria-labelledby="adjust-h"><h2 id="adjust-h">${t('admin.inventory.adjustStock')}</h2>
<form class="stack" method="post" action="/admin/console/inventory/products/${product.id}/adjust">${csrfField(ctx)}
<div class="grid2">
  <label>${t('admin.inventory.variant')} <select name="variantId" required>${product.variants.map((v) => html`<option value="${v.id}"${posted.variantId === v.id ? html` selected` : ''}>${v.sku} ${label(v.optionValues)}</option>`)}</select></label>
  <label>${t('admin.inventory.warehouse')} <select name="warehouseId" required>${warehouses.map((w) => html`<option value="${w.id}"${posted.warehouseId === w.id ? html` selected` : ''}>${ctx.lang === 'en' ? w.name.en : w.name.zh} (${w.code})</option>`)}</select></label>
  <label>${t('admin.inventory.changeNegativeRemoves')} <input name="delta" type="number" step="1" required value="${posted.delta ?? ''}"></label>
  <label>${t('admin.common.reason')} <select name="reason" required>${ADJUSTMENT_REASONS.map((r) => html`<option value="${r}"${posted.reason === r ? html` selected` : ''}>${reasonLabel(ctx, r)}</option>`)}</select></label>
</div>
<label>${t('admin.inventory.note')} <input name="note" maxlength="500" value="${posted.note ?? ''}"></label>
<div><button type="submit">${t('admin.inventory.adjust')}</button></div>
</form></section>
<section aria-labelledby="history-h"><h2 id="history-h">${t('admin.inventory.movementHistory')}</h2>
${product.variants.map((v, i) => {
  const movements = histories[i] ?? [];
  return html`<h3>${v.sku} ${label(v.optionValues)}</h3>${
    movements.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('admin.inventory.when')}</th><th scope="col">${t('admin.inventory.warehouse')}</th><th scope="col" class="num">${t('admin.inventory.change')}</th><th scope="col" class="num">${t('admin.inventory.onHandAfter')}</th><th scope="col">${t('admin.common.reason')}</th><th scope="col">${t('admin.inventory.note')}</th></tr></thead>
<tbody>${movements.map((m) => html`<tr><td>${dateTime(ctx, m.createdAt)}</td><td>${codeOf.get(m.warehouseId) ?? m.warehouseId}</td><td class="num">${m.delta > 0 ? `+${m.delta}` : m.delta}</td><td class="num">${m.onHandAfter}</td><td>${reasonLabel(ctx, m.reason)}</td><td>${m.note}</td></tr>`)}</tbody></table></div>`
      : html`<p class="muted">${t('admin.inventory.noMovementsYet')}</p>`
  }`;
})}</section>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const title = `${t('admin.common.stock')}: ${ctx.lang === 'en' ? product.title.en : product.title.zh}`;
  return sendPage(
    reply,
    adminPage(ctx, { title, main, errors, flash: options.flash }),
    options.error ? errorStatus(options.error) : 200,
  );
}
