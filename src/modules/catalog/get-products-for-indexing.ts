/**
 * Everything the search module indexes about products: one query for the products, one for the
 * stock of their active variants (through the stock port).
 */
import type { Db } from '../../app/database.ts';
import { type CategoryRef, type Localized, localized, type ProductStatus } from './catalog.ts';
import { availableUnits } from './stock-source.ts';

export interface ProductForIndexing {
  id: string;
  slug: string;
  status: ProductStatus;
  title: Localized;
  description: Localized;
  brand: { id: string; slug: string; name: Localized } | null;
  /** The category path, root → leaf. */
  categories: CategoryRef[];
  attributeValues: Localized[];
  optionValues: Localized[];
  minPriceMinor: number;
  currency: string;
  /** Bought again and again (its category or an ancestor is consumable): may be recommended again. */
  consumable: boolean;
  inStock: boolean;
  salesCount: number;
  ratingAvg: number | null;
  createdAt: Date;
  publishedAt: Date | null;
}

interface Row {
  id: string;
  slug: string;
  status: ProductStatus;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  brand_id: string | null;
  brand_slug: string | null;
  brand_zh: string | null;
  brand_en: string | null;
  category_path: { id: string; slug: string; zh: string; en: string }[];
  consumable: boolean;
  attributes: { value: Localized }[];
  option_values: { zh: string; en: string }[] | null;
  min_price_minor: number;
  currency: string;
  active_variant_ids: string[];
  sales_count: number;
  rating_avg: string | null;
  created_at: Date;
  published_at: Date | null;
}

/** Products with these ids (every status; the index decides what to show), or all when omitted. */
export async function getProductsForIndexing(db: Db, productIds?: string[]): Promise<ProductForIndexing[]> {
  const rows = await db<Row[]>`
    with recursive paths as (
      select id, jsonb_build_array(jsonb_build_object('id', id, 'slug', slug, 'zh', name_zh, 'en', name_en)) as path,
             consumable
        from categories where parent_id is null
      union all
      select c.id, p.path || jsonb_build_object('id', c.id, 'slug', c.slug, 'zh', c.name_zh, 'en', c.name_en),
             p.consumable or c.consumable
        from categories c join paths p on c.parent_id = p.id)
    select p.id, p.slug, p.status, p.title_zh, p.title_en, p.description_zh, p.description_en,
           p.brand_id, b.slug as brand_slug, b.name_zh as brand_zh, b.name_en as brand_en,
           coalesce(paths.path, '[]') as category_path, coalesce(paths.consumable, false) as consumable,
           p.attributes,
           (select jsonb_agg(v) from product_options o, jsonb_array_elements(o."values") v
             where o.product_id = p.id) as option_values,
           p.min_price_minor, p.currency,
           array(select v.id from variants v where v.product_id = p.id and v.is_active) as active_variant_ids,
           p.sales_count, p.rating_avg, p.created_at, p.published_at
      from products p
      left join brands b on b.id = p.brand_id
      left join paths on paths.id = p.category_id
     where ${productIds === undefined} or p.id = any(${productIds ?? []})
     order by p.id`;
  const units = await availableUnits(
    db,
    rows.flatMap((r) => r.active_variant_ids),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: localized(r.title_zh, r.title_en),
    description: localized(r.description_zh, r.description_en),
    brand: r.brand_id
      ? { id: r.brand_id, slug: r.brand_slug!, name: localized(r.brand_zh, r.brand_en) }
      : null,
    categories: r.category_path.map((c) => ({ id: c.id, slug: c.slug, name: localized(c.zh, c.en) })),
    attributeValues: r.attributes.map((a) => localized(a.value?.zh, a.value?.en)),
    optionValues: (r.option_values ?? []).map((v) => localized(v.zh, v.en)),
    minPriceMinor: r.min_price_minor,
    currency: r.currency,
    consumable: r.consumable,
    inStock: r.active_variant_ids.some((v) => (units.get(v) ?? 0) > 0),
    salesCount: r.sales_count,
    ratingAvg: r.rating_avg === null ? null : Number(r.rating_avg),
    createdAt: r.created_at,
    publishedAt: r.published_at,
  }));
}
