/** Merchant: stock rows joined with product and variant facts, for the inventory screen. */
import type { Db } from '../../app/database.ts';

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

/** Paginated stock rows (≤ 100 a page), lowest available first when `lowOnly`, else by SKU. */
export async function listStock(
  db: Db,
  filter: StockFilter = {},
): Promise<{ items: StockRow[]; total: number }> {
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 50));
  const page = Math.max(1, filter.page ?? 1);
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = db`
    (${pattern}::text is null or v.sku ilike ${pattern} or p.title_zh ilike ${pattern} or p.title_en ilike ${pattern})
    and (${filter.warehouseId ?? null}::text is null or s.warehouse_id = ${filter.warehouseId ?? null})
    and (${filter.productId ?? null}::text is null or v.product_id = ${filter.productId ?? null})
    and (not ${filter.lowOnly ?? false} or s.on_hand - s.reserved <= s.low_stock_threshold)`;
  const from = db`stock_levels s join variants v on v.id = s.variant_id join products p on p.id = v.product_id
                  join warehouses w on w.id = s.warehouse_id`;
  const [{ total } = { total: 0 }] = await db<{ total: number }[]>`
    select count(*)::int as total from ${from} where ${where}`;
  const rows = await db<
    {
      variant_id: string;
      sku: string;
      product_id: string;
      title_zh: string;
      title_en: string;
      option_values: Record<string, string>;
      warehouse_id: string;
      code: string;
      on_hand: number;
      reserved: number;
      low: number;
    }[]
  >`
    select s.variant_id, v.sku, v.product_id, p.title_zh, p.title_en, v.option_values, s.warehouse_id, w.code,
           s.on_hand, s.reserved, s.low_stock_threshold as low
      from ${from} where ${where}
     order by ${filter.lowOnly ? db`s.on_hand - s.reserved, v.sku` : db`v.sku`}, w.code
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  return {
    total,
    items: rows.map((r) => ({
      variantId: r.variant_id,
      sku: r.sku,
      productId: r.product_id,
      productTitle: { zh: r.title_zh, en: r.title_en },
      optionValues: r.option_values,
      warehouseId: r.warehouse_id,
      warehouseCode: r.code,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.on_hand - r.reserved,
      lowStockThreshold: r.low,
      isLow: r.on_hand - r.reserved <= r.low,
    })),
  };
}

/** Stock rows at or below their low-stock threshold (out of stock included), lowest first. */
export async function listLowStock(db: Db, limit = 100): Promise<StockRow[]> {
  return (await listStock(db, { lowOnly: true, pageSize: limit })).items;
}
