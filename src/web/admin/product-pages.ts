/**
 * Products for merchants: the searchable list, create, edit (text, brand, category, attributes,
 * options, variants with prices and SKUs), image upload (a plain multipart form; the catalog
 * re-encodes the bytes), publish and archive. Every change is a catalog use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, notFound } from '../../app/errors.ts';
import {
  type AdminProductRow,
  addProductImage,
  archiveProduct,
  createProduct,
  getProductDetail,
  listBrands,
  listCategoryTree,
  listProductsForAdmin,
  type ProductDetail,
  type ProductStatus,
  publishProduct,
  updateProduct,
} from '../../modules/catalog/index.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { ADMIN_PERMISSIONS, type AdminContext, adminContext } from './admin-context.ts';
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
import type { UploadedFile } from './parse-multipart.ts';
import {
  emptyProductForm,
  type ProductFormState,
  productForm,
  productFormFrom,
  productFormFromBody,
  productInputFrom,
} from './product-form.ts';

const TAGS = ['admin console'];
const STATUSES: ProductStatus[] = ['draft', 'published', 'archived'];
const listQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  status: z.enum(STATUSES).or(z.literal('')).optional().catch(undefined),
  page: pageParam,
});
const idParams = z.object({ id: z.string().min(1).max(100) });
const doneQuery = z.object({ done: z.string().max(40).optional() });
const formBody = z.record(z.string(), z.unknown());

/** A product status in the page's language. */
function statusLabel(ctx: AdminContext, status: ProductStatus): string {
  if (status === 'published') return ctx.t('admin.products.published');
  if (status === 'archived') return ctx.t('admin.products.archived');
  return ctx.t('admin.common.statusDraft');
}

export async function productPages(app: FastifyInstance) {
  app.get(
    '/admin/console/products',
    { schema: { hide: true, tags: TAGS, summary: 'Products list page', querystring: listQuery } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.catalog);
      const ctx = adminContext(request);
      const { t } = ctx;
      const query = request.query as z.infer<typeof listQuery>;
      const result = await listProductsForAdmin(request.server.deps.sql, {
        q: query.q || undefined,
        status: query.status || undefined,
        page: query.page,
        pageSize: 20,
      });
      const main = html`<p><a class="button" href="/admin/console/products/new">${t('admin.products.newProduct')}</a></p>
<form class="filters" method="get" action="/admin/console/products" role="search">
  <label>${t('admin.products.titleOrSku')} <input type="search" name="q" value="${query.q ?? ''}" maxlength="100"></label>
  <label>${t('admin.common.status')} <select name="status"><option value="">${t('admin.common.all')}</option>
    ${STATUSES.map((s) => html`<option value="${s}"${query.status === s ? html` selected` : ''}>${statusLabel(ctx, s)}</option>`)}</select></label>
  <button type="submit">${t('admin.common.filter')}</button>
</form>
${productsTable(ctx, result.items)}
${pager(ctx, { ...result, query: { q: query.q, status: query.status } })}`;
      return sendPage(reply, adminPage(ctx, { title: t('admin.products.products'), main }));
    },
  );

  app.get(
    '/admin/console/products/new',
    { schema: { hide: true, tags: TAGS, summary: 'New product page' } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.catalog);
      return sendNewProduct(request, reply, emptyProductForm());
    },
  );

  app.post(
    '/admin/console/products',
    { schema: { hide: true, tags: TAGS, summary: 'Create a product (form)', body: formBody } },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.catalog);
      const state = productFormFromBody(request.body as Record<string, unknown>);
      let id: string;
      try {
        ({ id } = await createProduct(request.server.deps.sql, productInputFrom(state), session.staffId));
      } catch (error) {
        return sendNewProduct(request, reply, state, error);
      }
      return redirectDone(reply, `/admin/console/products/${id}`, 'product_created');
    },
  );

  app.get(
    '/admin/console/products/:id',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Edit product page',
        params: idParams,
        querystring: doneQuery,
      },
    },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.catalog);
      const product = await loadProduct(request, (request.params as z.infer<typeof idParams>).id);
      const flash = flashFrom(adminContext(request), (request.query as z.infer<typeof doneQuery>).done);
      return sendEditProduct(request, reply, product, { state: productFormFrom(product), flash });
    },
  );

  app.post(
    '/admin/console/products/:id',
    {
      schema: { hide: true, tags: TAGS, summary: 'Save a product (form)', params: idParams, body: formBody },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.catalog);
      const product = await loadProduct(request, (request.params as z.infer<typeof idParams>).id);
      const state = productFormFromBody(request.body as Record<string, unknown>);
      try {
        await updateProduct(request.server.deps.sql, product.id, productInputFrom(state), session.staffId);
      } catch (error) {
        return sendEditProduct(request, reply, product, { state, error });
      }
      return redirectDone(reply, `/admin/console/products/${product.id}`, 'product_saved');
    },
  );

  for (const [action, run, flash] of [
    ['publish', publishProduct, 'product_published'],
    ['archive', archiveProduct, 'product_archived'],
  ] as const) {
    app.post(
      `/admin/console/products/:id/${action}`,
      {
        schema: {
          hide: true,
          tags: TAGS,
          summary: `${action} a product (form)`,
          params: idParams,
          body: formBody,
        },
      },
      async (request, reply) => {
        const session = requireStaff(request, ADMIN_PERMISSIONS.catalog);
        const product = await loadProduct(request, (request.params as z.infer<typeof idParams>).id);
        try {
          await run(request.server.deps.sql, product.id, session.staffId);
        } catch (error) {
          return sendEditProduct(request, reply, product, { state: productFormFrom(product), error });
        }
        return redirectDone(reply, `/admin/console/products/${product.id}`, flash);
      },
    );
  }

  app.post(
    '/admin/console/products/:id/images',
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Upload a product image (multipart form)',
        params: idParams,
      },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.catalog);
      const product = await loadProduct(request, (request.params as z.infer<typeof idParams>).id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.image as UploadedFile | undefined;
      try {
        if (!file || typeof file !== 'object' || !Buffer.isBuffer(file.bytes)) {
          throw new DomainError(
            'image_missing',
            400,
            adminContext(request).t('admin.products.chooseAnImageToUpload'),
          );
        }
        const altZh = field(body, 'altZh');
        const altEn = field(body, 'altEn');
        await addProductImage(
          request.server.deps.sql,
          product.id,
          {
            bytes: file.bytes,
            ...(altZh || altEn ? { alt: { zh: altZh || altEn, en: altEn || altZh } } : {}),
          },
          session.staffId,
        );
      } catch (error) {
        return sendEditProduct(request, reply, product, { state: productFormFrom(product), error });
      }
      return redirectDone(reply, `/admin/console/products/${product.id}`, 'image_added');
    },
  );
}

async function loadProduct(request: FastifyRequest, id: string): Promise<ProductDetail> {
  const product = await getProductDetail(request.server.deps.sql, id, { includeUnpublished: true });
  if (!product) throw notFound('product');
  return product;
}

function productsTable(ctx: AdminContext, items: AdminProductRow[]): SafeHtml {
  const { t } = ctx;
  if (!items.length) return html`<p class="muted">${t('admin.products.noProductsMatch')}</p>`;
  const name = (l: { zh: string; en: string } | null) => (l ? (ctx.lang === 'en' ? l.en : l.zh) : '—');
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.common.product')}</th><th scope="col">${t('admin.common.status')}</th><th scope="col">${t('admin.common.category')}</th><th scope="col">${t('admin.common.brand')}</th><th scope="col" class="num">${t('admin.products.price')}</th><th scope="col" class="num">${t('admin.products.variants')}</th><th scope="col" class="num">${t('admin.common.available')}</th><th scope="col">${t('admin.products.updated')}</th></tr></thead>
<tbody>${items.map(
    (
      p,
    ) => html`<tr><td><a href="/admin/console/products/${p.id}">${name(p.title)}</a></td><td><span class="badge">${statusLabel(ctx, p.status)}</span></td>
<td>${name(p.category)}</td><td>${name(p.brand)}</td>
<td class="num">${money(ctx, p.priceRange.min.amountMinor, p.priceRange.min.currency)}${p.priceRange.max.amountMinor !== p.priceRange.min.amountMinor ? html` – ${money(ctx, p.priceRange.max.amountMinor, p.priceRange.max.currency)}` : ''}</td>
<td class="num">${p.variantCount}</td><td class="num">${p.available}</td><td>${dateTime(ctx, p.updatedAt)}</td></tr>`,
  )}</tbody></table></div>`;
}

async function formRefs(request: FastifyRequest, action: string) {
  const db = request.server.deps.sql;
  const [categories, brands] = await Promise.all([listCategoryTree(db), listBrands(db)]);
  return { action, categories, brands };
}

async function sendNewProduct(
  request: FastifyRequest,
  reply: FastifyReply,
  state: ProductFormState,
  error?: unknown,
) {
  const ctx = adminContext(request);
  const main = productForm(ctx, state, await formRefs(request, '/admin/console/products'));
  const errors = error ? describeError(ctx, error) : undefined;
  return sendPage(
    reply,
    adminPage(ctx, { title: ctx.t('admin.products.newProduct'), main, errors }),
    error ? errorStatus(error) : 200,
  );
}

async function sendEditProduct(
  request: FastifyRequest,
  reply: FastifyReply,
  product: ProductDetail,
  options: { state: ProductFormState; error?: unknown; flash?: string | null },
) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const base = `/admin/console/products/${product.id}`;
  const main = html`<p><span class="badge">${statusLabel(ctx, product.status)}</span>
  · <a href="/admin/console/inventory/products/${product.id}">${t('admin.common.stock')}</a>
  ${product.status === 'published' && html` · <a href="/p/${product.slug}">${t('admin.products.viewInTheShop')}</a>`}</p>
<div class="actions">
  ${product.status !== 'published' && html`<form method="post" action="${base}/publish">${csrfField(ctx)}<button type="submit">${t('admin.products.publish')}</button></form>`}
  ${product.status !== 'archived' && html`<form method="post" action="${base}/archive" data-confirm="${t('admin.products.archivingRemovesTheProductFrom')}">${csrfField(ctx)}<button type="submit" class="secondary">${t('admin.products.archive')}</button></form>`}
</div>
${productForm(ctx, options.state, await formRefs(request, base))}
<section class="panel" aria-labelledby="images-h"><h2 id="images-h">${t('admin.products.images')}</h2>
${product.media.length ? html`<div class="thumbs">${product.media.map((m) => html`<img src="${m.url}" alt="${ctx.lang === 'en' ? m.alt.en : m.alt.zh}" width="96" height="96" loading="lazy">`)}</div>` : html`<p class="muted">${t('admin.products.noImagesYet')}</p>`}
<form class="stack" method="post" action="${base}/images" enctype="multipart/form-data">${csrfField(ctx)}
  <label>${t('admin.products.imageFilePngJpegOr')} <input type="file" name="image" accept="image/png,image/jpeg,image/webp" required></label>
  <div class="grid2"><label>${t('admin.products.altTextChinese')} <input name="altZh" maxlength="200"></label>
  <label>${t('admin.products.altTextEnglish')} <input name="altEn" maxlength="200"></label></div>
  <div><button type="submit">${t('admin.products.uploadImage')}</button></div>
</form></section>`;
  const errors = options.error ? describeError(ctx, options.error) : undefined;
  const title = `${t('admin.products.editProduct')}: ${ctx.lang === 'en' ? product.title.en : product.title.zh}`;
  return sendPage(
    reply,
    adminPage(ctx, { title, main, errors, flash: options.flash }),
    options.error ? errorStatus(options.error) : 200,
  );
}
