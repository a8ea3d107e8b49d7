/**
 * Catalog: shopper reads under /store/products, /store/categories, /store/brands; merchant writes
 * under /admin/products; media bytes at /media/:id.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../app/errors.ts';
import { requireStaff } from '../../identity/index.ts';
import { addProductImage } from '../add-product-image.ts';
import { archiveProduct } from '../archive-product.ts';
import type { ProductDetail } from '../catalog.ts';
import { createProduct } from '../create-product.ts';
import { getMediaFile } from '../get-media-file.ts';
import { getProductDetail } from '../get-product-detail.ts';
import { listBrands } from '../list-brands.ts';
import { listCategoryTree } from '../list-category-tree.ts';
import { listHotProducts, listRelatedProducts } from '../list-product-shelves.ts';
import { listProducts } from '../list-products.ts';
import { listProductsForAdmin } from '../list-products-for-admin.ts';
import { publishProduct } from '../publish-product.ts';
import { updateProduct } from '../update-product.ts';
import {
  addedImage,
  adminListQuery,
  adminProductList,
  brandList,
  categoryTree,
  createdProduct,
  createProductBody,
  idParams,
  imageBody,
  limitQuery,
  mediaParams,
  productDetail,
  productListQuery,
  productPage,
  productSummary,
  slugParams,
  updateProductBody,
} from './catalog-schemas.ts';

const storeTags = ['catalog'];
/** Public catalogue reads may be up to this old (stock is re-checked at add-to-cart and checkout). */
const PUBLIC_CACHE_SECONDS = 5;
const adminTags = ['admin: catalog'];
const MERCHANT = ['merchant' as const];

/** Dates become ISO strings at the edge. */
function present(detail: ProductDetail) {
  return { ...detail, publishedAt: detail.publishedAt?.toISOString() ?? null };
}

export async function catalogRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;

  app.get(
    '/store/products',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'Published products, by category or brand, sorted and paginated',
        querystring: productListQuery,
        response: { 200: productPage },
      },
    },
    async (request) => {
      const { category, brand, sort, page, page_size } = request.query;
      return listProducts(sql, { categorySlug: category, brandSlug: brand, sort, page, pageSize: page_size });
    },
  );

  app.get(
    '/store/products/hot',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'Best-selling published products',
        querystring: limitQuery,
        response: { 200: productSummary.array() },
      },
    },
    async (request) => listHotProducts(sql, request.query.limit),
  );

  app.get(
    '/store/products/:slug',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'A published product with variants, stock, media and breadcrumb',
        params: slugParams,
        response: { 200: productDetail },
      },
    },
    async (request) => {
      const detail = await getProductDetail(sql, request.params.slug);
      if (!detail) throw notFound('product');
      return present(detail);
    },
  );

  app.get(
    '/store/products/:slug/related',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'Products related to a product (same category, then same brand)',
        params: slugParams,
        querystring: limitQuery,
        response: { 200: productSummary.array() },
      },
    },
    async (request) => {
      const detail = await getProductDetail(sql, request.params.slug);
      if (!detail) throw notFound('product');
      return listRelatedProducts(sql, detail.id, request.query.limit);
    },
  );

  app.get(
    '/store/categories',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'The category tree with published-product counts',
        response: { 200: categoryTree },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return (await listCategoryTree(sql)) as never;
    },
  );

  app.get(
    '/store/brands',
    {
      config: { publicCacheSeconds: PUBLIC_CACHE_SECONDS },
      schema: {
        tags: storeTags,
        summary: 'Every brand with its product count',
        response: { 200: brandList },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return listBrands(sql);
    },
  );

  app.get(
    '/media/:id',
    {
      schema: {
        tags: storeTags,
        summary: 'Image bytes of a product picture (immutable; served with its stored type and nosniff)',
        params: mediaParams,
      },
    },
    async (request, reply) => {
      const file = await getMediaFile(sql, request.params.id);
      if (!file) throw notFound('media');
      return reply
        .type(file.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );

  registerAdminRoutes(app);
}

function registerAdminRoutes(instance: FastifyInstance) {
  const typed = instance.withTypeProvider<ZodTypeProvider>();
  const sql = instance.deps.sql;

  typed.get(
    '/admin/products',
    {
      schema: {
        tags: adminTags,
        summary: 'Products for the merchant, filtered by status, category or text; paginated',
        querystring: adminListQuery,
        response: { 200: adminProductList },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      const list = await listProductsForAdmin(sql, request.query);
      return { ...list, items: list.items.map((i) => ({ ...i, updatedAt: i.updatedAt.toISOString() })) };
    },
  );

  typed.post(
    '/admin/products',
    {
      schema: {
        tags: adminTags,
        summary: 'Create a product (as a draft) with options and variants',
        body: createProductBody,
        response: { 201: createdProduct },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, MERCHANT);
      const created = await createProduct(sql, request.body, staff.staffId);
      return reply.code(201).send(created);
    },
  );

  typed.get(
    '/admin/products/:id',
    {
      schema: {
        tags: adminTags,
        summary: 'A product in any status, with variants and stock',
        params: idParams,
        response: { 200: productDetail },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      const detail = await getProductDetail(sql, request.params.id, { includeUnpublished: true });
      if (!detail || detail.id !== request.params.id) throw notFound('product');
      return present(detail);
    },
  );

  typed.patch(
    '/admin/products/:id',
    {
      schema: {
        tags: adminTags,
        summary: 'Edit a product: text, brand, category, attributes, options; add or edit variants',
        params: idParams,
        body: updateProductBody,
        response: { 200: productDetail },
      },
    },
    async (request) => {
      const staff = requireStaff(request, MERCHANT);
      await updateProduct(sql, request.params.id, request.body, staff.staffId);
      return present((await getProductDetail(sql, request.params.id, { includeUnpublished: true }))!);
    },
  );

  for (const [action, run, summary] of [
    ['publish', publishProduct, 'Publish a product (it needs an active variant)'],
    ['archive', archiveProduct, 'Archive a product (hidden from the shop, kept for orders)'],
  ] as const) {
    typed.post(
      `/admin/products/:id/${action}`,
      { schema: { tags: adminTags, summary, params: idParams, response: { 200: productDetail } } },
      async (request) => {
        const staff = requireStaff(request, MERCHANT);
        await run(sql, request.params.id, staff.staffId);
        return present((await getProductDetail(sql, request.params.id, { includeUnpublished: true }))!);
      },
    );
  }

  typed.post(
    '/admin/products/:id/images',
    {
      // base64 of a 5 MB image plus the JSON around it
      bodyLimit: 7_200_000,
      schema: {
        tags: adminTags,
        summary: 'Add a picture: JSON with base64 PNG/JPEG/WebP bytes (≤ 5 MB); stored re-encoded as WebP',
        params: idParams,
        body: imageBody,
        response: { 201: addedImage },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, MERCHANT);
      const bytes = Buffer.from(request.body.dataBase64, 'base64');
      const added = await addProductImage(
        sql,
        request.params.id,
        { bytes, alt: request.body.alt },
        staff.staffId,
      );
      return reply.code(201).send(added);
    },
  );
}
