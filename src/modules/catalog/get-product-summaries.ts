/**
 * Product cards for listings (home, search results, related items): one query for the products,
 * one for the stock of their active variants (through the stock port).
 */
import type { Db } from '../../app/database.ts';
import { localized, money, type ProductSummary, rating } from './catalog.ts';
import { availableUnits } from './stock-source.ts';

interface SummaryRow {
  id: string;
  slug: string;
  title_zh: string;
  title_en: string;
  brand_zh: string | null;
  brand_en: string | null;
  min_price_minor: number;
  currency: string;
  compare_at_minor: number | null;
  image_url: string | null;
  alt_zh: string | null;
  alt_en: string | null;
  width: number | null;
  height: number | null;
  active_variant_ids: string[];
  sales_count: number;
  rating_avg: string | null;
  rating_count: number;
}

/**
 * Cards for `ids` in the same order; ids that are unknown (or not published, unless
 * `includeUnpublished`) are left out.
 */
export async function getProductSummaries(
  db: Db,
  ids: string[],
  options: { includeUnpublished?: boolean } = {},
): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db<SummaryRow[]>`
    select p.id, p.slug, p.title_zh, p.title_en, b.name_zh as brand_zh, b.name_en as brand_en,
           p.min_price_minor, p.currency,
           (select max(v.compare_at_minor) from variants v
             where v.product_id = p.id and v.is_active and v.price_minor = p.min_price_minor
               and v.compare_at_minor > v.price_minor) as compare_at_minor,
           m.url as image_url, m.alt_zh, m.alt_en, m.width, m.height,
           array(select v.id from variants v where v.product_id = p.id and v.is_active) as active_variant_ids,
           p.sales_count, p.rating_avg, p.rating_count
      from products p
      left join brands b on b.id = p.brand_id
      left join lateral (select url, alt_zh, alt_en, width, height from product_media
                          where product_id = p.id order by position, id limit 1) m on true
     where p.id = any(${ids}) and (${options.includeUnpublished ?? false} or p.status = 'published')`;
  const units = await availableUnits(
    db,
    rows.flatMap((r) => r.active_variant_ids),
  );
  const byId = new Map(
    rows.map((r) => [
      r.id,
      toSummary(
        r,
        r.active_variant_ids.some((v) => (units.get(v) ?? 0) > 0),
      ),
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toSummary(r: SummaryRow, inStock: boolean): ProductSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: localized(r.title_zh, r.title_en),
    brand: r.brand_zh === null ? null : localized(r.brand_zh, r.brand_en),
    price: money(r.min_price_minor, r.currency),
    compareAt: r.compare_at_minor ? money(r.compare_at_minor, r.currency) : null,
    image: r.image_url
      ? { url: r.image_url, alt: localized(r.alt_zh, r.alt_en), width: r.width!, height: r.height! }
      : null,
    inStock,
    salesCount: r.sales_count,
    rating: rating(r.rating_avg, r.rating_count),
  };
}
