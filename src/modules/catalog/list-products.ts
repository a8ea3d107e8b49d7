/**
 * The public product list: published products, optionally of one category (with its subtree) or
 * brand, sorted and paginated. Full-text queries and facets belong to the search module.
 */
import type { Db } from '../../app/database.ts';
import type { ProductSummary } from './catalog.ts';
import { getCategoryBySlug } from './get-category-by-slug.ts';
import { getProductSummaries } from './get-product-summaries.ts';

export type ProductListSort = 'best_selling' | 'newest' | 'price_asc' | 'price_desc';

export interface ListProductsQuery {
  categorySlug?: string;
  brandSlug?: string;
  sort: ProductListSort;
  page: number;
  pageSize: number;
}

export interface ProductPage {
  items: ProductSummary[];
  total: number;
  page: number;
  pageSize: number;
}

const ORDER: Record<ProductListSort, string> = {
  best_selling: 'p.sales_count desc, p.id',
  newest: 'p.published_at desc nulls last, p.id',
  price_asc: 'p.min_price_minor, p.id',
  price_desc: 'p.min_price_minor desc, p.id',
};

/** One page of published products; an unknown category or brand gives an empty page. */
export async function listProducts(db: Db, query: ListProductsQuery): Promise<ProductPage> {
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  let categoryIds: string[] | null = null;
  if (query.categorySlug) {
    const category = await getCategoryBySlug(db, query.categorySlug);
    if (!category) return empty;
    categoryIds = category.subtreeIds;
  }
  const rows = await db<{ id: string; total: number }[]>`
    select p.id, count(*) over ()::int as total
      from products p
      left join brands b on b.id = p.brand_id
     where p.status = 'published'
       and (${categoryIds}::text[] is null or p.category_id = any(${categoryIds}::text[]))
       and (${query.brandSlug ?? null}::text is null or b.slug = ${query.brandSlug ?? null})
     order by ${db.unsafe(ORDER[query.sort])}
     limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  if (rows.length === 0) return empty;
  const items = await getProductSummaries(
    db,
    rows.map((r) => r.id),
  );
  return { items, total: rows[0]!.total, page: query.page, pageSize: query.pageSize };
}
