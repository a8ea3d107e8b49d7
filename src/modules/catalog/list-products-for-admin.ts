/** Merchant: the product list of the admin, filtered and paginated, with stock from the stock port. */
import type { Db } from '../../app/database.ts';
import type { Money } from '../../app/money.ts';
import { type Localized, localized, money, type ProductStatus } from './catalog.ts';
import { availableUnits } from './stock-source.ts';

export interface AdminProductFilter {
  status?: ProductStatus;
  categoryId?: string;
  /** Matches title (either language), slug or a variant SKU. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface AdminProductRow {
  id: string;
  slug: string;
  status: ProductStatus;
  title: Localized;
  category: Localized;
  brand: Localized | null;
  priceRange: { min: Money; max: Money };
  variantCount: number;
  /** Available units over all active variants and active warehouses. */
  available: number;
  image: string | null;
  updatedAt: Date;
}

/** Newest-edited first; `pageSize` is capped at 100. */
export async function listProductsForAdmin(
  db: Db,
  filter: AdminProductFilter = {},
): Promise<{ items: AdminProductRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 20));
  const page = Math.max(1, filter.page ?? 1);
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = db`
    (${filter.status ?? null}::text is null or p.status = ${filter.status ?? null})
    and (${filter.categoryId ?? null}::text is null or p.category_id in (
           with recursive tree as (
             select id from categories where id = ${filter.categoryId ?? null}
             union all select c.id from categories c join tree t on c.parent_id = t.id)
           select id from tree))
    and (${pattern}::text is null or p.title_zh ilike ${pattern} or p.title_en ilike ${pattern}
         or p.slug ilike ${pattern}
         or exists (select 1 from variants v where v.product_id = p.id and v.sku ilike ${pattern}))`;
  const [{ total } = { total: 0 }] = await db<{ total: number }[]>`
    select count(*)::int as total from products p where ${where}`;
  const rows = await db<
    {
      id: string;
      slug: string;
      status: ProductStatus;
      title_zh: string;
      title_en: string;
      cat_zh: string;
      cat_en: string;
      brand_zh: string | null;
      brand_en: string | null;
      min_price_minor: number;
      max_price_minor: number;
      currency: string;
      variant_count: number;
      active_variant_ids: string[];
      image: string | null;
      updated_at: Date;
    }[]
  >`
    select p.id, p.slug, p.status, p.title_zh, p.title_en, c.name_zh as cat_zh, c.name_en as cat_en,
           b.name_zh as brand_zh, b.name_en as brand_en, p.min_price_minor, p.max_price_minor, p.currency,
           (select count(*) from variants v where v.product_id = p.id)::int as variant_count,
           array(select v.id from variants v where v.product_id = p.id and v.is_active) as active_variant_ids,
           (select url from product_media m where m.product_id = p.id order by position, id limit 1) as image,
           p.updated_at
      from products p join categories c on c.id = p.category_id left join brands b on b.id = p.brand_id
     where ${where}
     order by p.updated_at desc, p.id
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const units = await availableUnits(
    db,
    rows.flatMap((r) => r.active_variant_ids),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      status: r.status,
      title: localized(r.title_zh, r.title_en),
      category: localized(r.cat_zh, r.cat_en),
      brand: r.brand_zh === null ? null : localized(r.brand_zh, r.brand_en),
      priceRange: { min: money(r.min_price_minor, r.currency), max: money(r.max_price_minor, r.currency) },
      variantCount: r.variant_count,
      available: r.active_variant_ids.reduce((sum, v) => sum + (units.get(v) ?? 0), 0),
      image: r.image,
      updatedAt: r.updated_at,
    })),
    total,
    page,
    pageSize,
  };
}
