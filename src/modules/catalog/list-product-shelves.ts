/** The storefront's product shelves: best-selling, newest, and related to a product. */
import type { Db } from '../../app/database.ts';
import type { ProductSummary } from './catalog.ts';
import { getProductSummaries } from './get-product-summaries.ts';

const MAX_SHELF = 100;

function cap(limit: number): number {
  return Math.max(1, Math.min(MAX_SHELF, Math.floor(limit) || 1));
}

/** Published products by sales, best-selling first. */
export async function listHotProducts(db: Db, limit: number): Promise<ProductSummary[]> {
  const rows = await db<{ id: string }[]>`
    select id from products where status = 'published' order by sales_count desc, id limit ${cap(limit)}`;
  return getProductSummaries(
    db,
    rows.map((r) => r.id),
  );
}

/** Published products, most recently published first. */
export async function listNewProducts(db: Db, limit: number): Promise<ProductSummary[]> {
  const rows = await db<{ id: string }[]>`
    select id from products where status = 'published'
     order by published_at desc nulls last, id limit ${cap(limit)}`;
  return getProductSummaries(
    db,
    rows.map((r) => r.id),
  );
}

/** Other published products of the same category first, then of the same brand, by sales. */
export async function listRelatedProducts(
  db: Db,
  productId: string,
  limit: number,
): Promise<ProductSummary[]> {
  const rows = await db<{ id: string }[]>`
    select o.id from products p
      join products o on o.id <> p.id and o.status = 'published'
                     and (o.category_id = p.category_id or o.brand_id = p.brand_id)
     where p.id = ${productId}
     order by (o.category_id = p.category_id) desc, o.sales_count desc, o.id
     limit ${cap(limit)}`;
  return getProductSummaries(
    db,
    rows.map((r) => r.id),
  );
}
