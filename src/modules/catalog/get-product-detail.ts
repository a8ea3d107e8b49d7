/**
 * The product page's data: one product with brand, breadcrumb, options, variants with stock
 * (through the stock port), media.
 */
import type { Db } from '../../app/database.ts';
import {
  type CategoryRef,
  localized,
  money,
  type ProductDetail,
  type ProductOption,
  type ProductStatus,
  rating,
  type VariantDetail,
} from './catalog.ts';
import { categoryPath } from './get-category-by-slug.ts';
import { availableUnits } from './stock-source.ts';

interface ProductRow {
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
  category_id: string;
  attributes: ProductDetail['attributes'];
  min_price_minor: number;
  max_price_minor: number;
  currency: string;
  sales_count: number;
  rating_avg: string | null;
  rating_count: number;
  published_at: Date | null;
  variant_ids: string[];
}

/**
 * The product with this slug or id, or null. Drafts and archived products are hidden unless
 * `includeUnpublished` (the admin) asks for them.
 */
export async function getProductDetail(
  db: Db,
  slugOrId: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<ProductDetail | null> {
  const [p] = await db<ProductRow[]>`
    select p.*, b.slug as brand_slug, b.name_zh as brand_zh, b.name_en as brand_en,
           array(select v.id from variants v where v.product_id = p.id) as variant_ids
      from products p left join brands b on b.id = p.brand_id
     where (p.slug = ${slugOrId} or p.id = ${slugOrId})
       and (${options.includeUnpublished ?? false} or p.status = 'published')
     limit 1`;
  if (!p) return null;
  // The variant ids come with the product, so stock is read beside the other parts, not after.
  const [breadcrumb, productOptions, variantRows, media, units] = await Promise.all([
    categoryPath(db, p.category_id),
    loadOptions(db, p.id),
    loadVariants(db, p.id),
    loadMedia(db, p.id),
    availableUnits(db, p.variant_ids),
  ]);
  const variants = variantRows.map((v) => ({ ...v, available: units.get(v.id) ?? 0 }));
  const leaf = breadcrumb.at(-1) as CategoryRef;
  return {
    id: p.id,
    slug: p.slug,
    status: p.status,
    title: localized(p.title_zh, p.title_en),
    description: localized(p.description_zh, p.description_en),
    brand: p.brand_id
      ? { id: p.brand_id, slug: p.brand_slug!, name: localized(p.brand_zh, p.brand_en) }
      : null,
    category: { ...leaf, breadcrumb },
    attributes: p.attributes,
    options: productOptions,
    variants,
    media,
    priceRange: { min: money(p.min_price_minor, p.currency), max: money(p.max_price_minor, p.currency) },
    salesCount: p.sales_count,
    rating: rating(p.rating_avg, p.rating_count),
    publishedAt: p.published_at,
  };
}

/** The product's options in display order. */
export async function loadOptions(db: Db, productId: string): Promise<ProductOption[]> {
  const rows = await db<
    { code: string; name_zh: string; name_en: string; values: ProductOption['values'] }[]
  >`
    select code, name_zh, name_en, "values" from product_options where product_id = ${productId}
     order by position, code`;
  return rows.map((r) => ({ code: r.code, name: localized(r.name_zh, r.name_en), values: r.values }));
}

async function loadVariants(db: Db, productId: string): Promise<Omit<VariantDetail, 'available'>[]> {
  const rows = await db<
    {
      id: string;
      sku: string;
      option_values: Record<string, string>;
      price_minor: number;
      compare_at_minor: number | null;
      currency: string;
      is_active: boolean;
    }[]
  >`
    select v.id, v.sku, v.option_values, v.price_minor, v.compare_at_minor, v.currency, v.is_active
      from variants v where v.product_id = ${productId} order by v.position, v.created_at, v.id`;
  return rows.map((v) => ({
    id: v.id,
    sku: v.sku,
    optionValues: v.option_values,
    price: money(v.price_minor, v.currency),
    compareAt: v.compare_at_minor ? money(v.compare_at_minor, v.currency) : null,
    isActive: v.is_active,
  }));
}

async function loadMedia(db: Db, productId: string): Promise<ProductDetail['media']> {
  const rows = await db<{ url: string; alt_zh: string; alt_en: string; width: number; height: number }[]>`
    select url, alt_zh, alt_en, width, height from product_media where product_id = ${productId}
     order by position, id`;
  return rows.map((m) => ({
    url: m.url,
    alt: localized(m.alt_zh, m.alt_en),
    width: m.width,
    height: m.height,
  }));
}
