/**
 * What other modules classify products by (their category, brand and lowest price, with names),
 * for many products in one query: the recommendations module builds shopper interests from it.
 */
import type { Db } from '../../app/database.ts';
import { type Localized, localized, type ProductStatus } from './catalog.ts';

export interface ProductFacts {
  productId: string;
  status: ProductStatus;
  /** The product's own (leaf) category. */
  categoryId: string;
  category: Localized;
  brandId: string | null;
  brand: Localized | null;
  minPriceMinor: number;
}

/** Facts for the known ids among `productIds`, any status (unknown ids are left out), in no particular order. */
export async function getProductFacts(db: Db, productIds: readonly string[]): Promise<ProductFacts[]> {
  if (productIds.length === 0) return [];
  const rows = await db<
    {
      id: string;
      status: ProductStatus;
      category_id: string;
      category_zh: string;
      category_en: string;
      brand_id: string | null;
      brand_zh: string | null;
      brand_en: string | null;
      min_price_minor: number;
    }[]
  >`
    select p.id, p.status, p.category_id, c.name_zh as category_zh, c.name_en as category_en,
           p.brand_id, b.name_zh as brand_zh, b.name_en as brand_en, p.min_price_minor
      from products p
      join categories c on c.id = p.category_id
      left join brands b on b.id = p.brand_id
     where p.id = any(${productIds as string[]})`;
  return rows.map((r) => ({
    productId: r.id,
    status: r.status,
    categoryId: r.category_id,
    category: localized(r.category_zh, r.category_en),
    brandId: r.brand_id,
    brand: r.brand_id ? localized(r.brand_zh, r.brand_en) : null,
    minPriceMinor: Number(r.min_price_minor),
  }));
}

/** Names of the known categories and brands among these ids (unknown ids are left out). */
export async function getCategoryAndBrandNames(
  db: Db,
  ids: { categoryIds?: readonly string[]; brandIds?: readonly string[] },
): Promise<{ categories: Map<string, Localized>; brands: Map<string, Localized> }> {
  const categoryIds = [...(ids.categoryIds ?? [])];
  const brandIds = [...(ids.brandIds ?? [])];
  if (categoryIds.length === 0 && brandIds.length === 0) return { categories: new Map(), brands: new Map() };
  const rows = await db<{ kind: 'category' | 'brand'; id: string; name_zh: string; name_en: string }[]>`
    select 'category' as kind, id, name_zh, name_en from categories where id = any(${categoryIds}::text[])
    union all
    select 'brand', id, name_zh, name_en from brands where id = any(${brandIds}::text[])`;
  const names = { categories: new Map<string, Localized>(), brands: new Map<string, Localized>() };
  for (const r of rows)
    (r.kind === 'category' ? names.categories : names.brands).set(r.id, localized(r.name_zh, r.name_en));
  return names;
}
