/**
 * Published products by category, brand or price band, as ids: the recommendations module leaves
 * out the products of a shopper's removed interests with it.
 */
import type { Db } from '../../app/database.ts';

/** Published products wanted by category (with every category below it), brand or lowest price. */
export interface ProductMatch {
  categoryIds: readonly string[];
  brandIds: readonly string[];
  /** Lowest-price ranges in minor units, `lo` included and `hi` excluded. */
  priceRanges: readonly { lo: number; hi: number }[];
}

/**
 * Ids of the published products in any of the categories (or below them), of any of the brands,
 * or whose lowest price falls in any of the ranges. One query: the category walk and a scan of
 * the published products.
 */
export async function findPublishedProductIds(db: Db, match: ProductMatch): Promise<string[]> {
  if (!match.categoryIds.length && !match.brandIds.length && !match.priceRanges.length) return [];
  const rows = await db<{ id: string }[]>`
    with recursive matched_categories as (
      select id from categories where id = any(${match.categoryIds as string[]}::text[])
      union
      select c.id from categories c join matched_categories t on c.parent_id = t.id
    ), ranges as (
      select lo, hi from unnest(${match.priceRanges.map((r) => r.lo)}::bigint[],
                                ${match.priceRanges.map((r) => r.hi)}::bigint[]) r(lo, hi)
    )
    select p.id from products p
     where p.status = 'published'
       and (p.category_id in (select id from matched_categories)
            or p.brand_id = any(${match.brandIds as string[]}::text[])
            or exists (select 1 from ranges r where p.min_price_minor >= r.lo and p.min_price_minor < r.hi))`;
  return rows.map((r) => r.id);
}
