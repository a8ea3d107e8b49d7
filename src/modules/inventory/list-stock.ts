/** Merchant: stock rows with the product and variant facts catalog gives, for the inventory screen. */
import type { Db } from '../../app/database.ts';
import { findVariantIds, getVariantRefs } from '../catalog/index.ts';

export interface StockRow {
  variantId: string;
  sku: string;
  productId: string;
  productTitle: { zh: string; en: string };
  optionValues: Record<string, string>;
  warehouseId: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  isLow: boolean;
}

export interface StockFilter {
  /** Matches SKU or product title. */
  q?: string;
  warehouseId?: string;
  /** Only rows at or below their low-stock threshold (out of stock included). */
  lowOnly?: boolean;
  productId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Paginated stock rows (≤ 100 a page), lowest available first when `lowOnly`, else by SKU.
 * Catalog names the variants (those matching `q` or `productId`, in SKU order) and describes the
 * page's rows; the stock rows themselves are this module's.
 */
export async function listStock(
  db: Db,
  filter: StockFilter = {},
): Promise<{ items: StockRow[]; total: number }> {
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 50));
  const page = Math.max(1, filter.page ?? 1);
  const variantIds = await findVariantIds(db, { q: filter.q, productId: filter.productId });
  if (variantIds.length === 0) return { items: [], total: 0 };
  const conditions = db`
    (${filter.warehouseId ?? null}::text is null or s.warehouse_id = ${filter.warehouseId ?? null})
    and (not ${filter.lowOnly ?? false} or s.on_hand - s.reserved <= s.low_stock_threshold)`;
  const rows = await db<
    {
      variant_id: string;
      warehouse_id: string;
      code: string;
      on_hand: number;
      reserved: number;
      low: number;
      total: number;
    }[]
  >`
    select s.variant_id, s.warehouse_id, w.code, s.on_hand, s.reserved, s.low_stock_threshold as low,
           count(*) over ()::int as total
      from stock_levels s
      join warehouses w on w.id = s.warehouse_id
      join unnest(${variantIds}::text[]) with ordinality as v(id, sku_rank) on v.id = s.variant_id
     where ${conditions}
     order by ${filter.lowOnly ? db`s.on_hand - s.reserved, v.sku_rank` : db`v.sku_rank`}, w.code
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const refs = new Map(
    (await getVariantRefs(db, [...new Set(rows.map((r) => r.variant_id))])).map((v) => [v.variantId, v]),
  );
  // A page past the end has no row to carry the count.
  const total =
    rows[0]?.total ??
    (
      await db<{ total: number }[]>`
        select count(*)::int as total from stock_levels s
         where s.variant_id = any(${variantIds}::text[]) and ${conditions}`
    )[0]!.total;
  return {
    total,
    // A variant deleted meanwhile takes its stock rows with it (on delete cascade): skip it.
    items: rows.flatMap((r) => {
      const variant = refs.get(r.variant_id);
      if (!variant) return [];
      return {
        variantId: r.variant_id,
        sku: variant.sku,
        productId: variant.productId,
        productTitle: variant.productTitle,
        optionValues: variant.optionValues,
        warehouseId: r.warehouse_id,
        warehouseCode: r.code,
        onHand: r.on_hand,
        reserved: r.reserved,
        available: r.on_hand - r.reserved,
        lowStockThreshold: r.low,
        isLow: r.on_hand - r.reserved <= r.low,
      };
    }),
  };
}

/** Stock rows at or below their low-stock threshold (out of stock included), lowest first. */
export async function listLowStock(db: Db, limit = 100): Promise<StockRow[]> {
  return (await listStock(db, { lowOnly: true, pageSize: limit })).items;
}
