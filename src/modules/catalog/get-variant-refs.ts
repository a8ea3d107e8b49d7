/**
 * Variant facts for modules that keep their own rows per variant (inventory's stock): which
 * product a variant belongs to, its SKU and options, and the variants a merchant's search names.
 */
import type { Db } from '../../app/database.ts';
import { type Localized, localized } from './catalog.ts';

export interface VariantRef {
  variantId: string;
  productId: string;
  sku: string;
  productTitle: Localized;
  optionValues: Record<string, string>;
}

/** Facts for the known ids among `variantIds` (unknown ids are left out), in no particular order. */
export async function getVariantRefs(db: Db, variantIds: readonly string[]): Promise<VariantRef[]> {
  if (variantIds.length === 0) return [];
  const rows = await db<
    {
      id: string;
      product_id: string;
      sku: string;
      title_zh: string;
      title_en: string;
      option_values: Record<string, string>;
    }[]
  >`
    select v.id, v.product_id, v.sku, p.title_zh, p.title_en, v.option_values
      from variants v join products p on p.id = v.product_id
     where v.id = any(${variantIds as string[]})`;
  return rows.map((r) => ({
    variantId: r.id,
    productId: r.product_id,
    sku: r.sku,
    productTitle: localized(r.title_zh, r.title_en),
    optionValues: r.option_values,
  }));
}

export interface VariantFilter {
  /** Matches the SKU or the product title (either language), case-insensitively. */
  q?: string;
  productId?: string;
}

/** Ids of every variant matching `filter` (all variants when it is empty), ordered by SKU. */
export async function findVariantIds(db: Db, filter: VariantFilter = {}): Promise<string[]> {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db<{ id: string }[]>`
    select v.id from variants v join products p on p.id = v.product_id
     where (${pattern}::text is null or v.sku ilike ${pattern} or p.title_zh ilike ${pattern}
            or p.title_en ilike ${pattern})
       and (${filter.productId ?? null}::text is null or v.product_id = ${filter.productId ?? null})
     order by v.sku, v.id`;
  return rows.map((r) => r.id);
}
