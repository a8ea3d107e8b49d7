/** Stock per variant and warehouse, for the cart, the product page and the admin. */
import type { Db } from '../../app/database.ts';

export interface StockLevel {
  variantId: string;
  warehouseId: string;
  warehouseCode: string;
  onHand: number;
  reserved: number;
  /** on_hand - reserved. */
  available: number;
  lowStockThreshold: number;
}

/** One row per (variant, active warehouse) that has a stock row, ordered by variant then warehouse. */
export async function getStockLevels(db: Db, variantIds: string[]): Promise<StockLevel[]> {
  if (variantIds.length === 0) return [];
  const rows = await db<
    {
      variant_id: string;
      warehouse_id: string;
      code: string;
      on_hand: number;
      reserved: number;
      low: number;
    }[]
  >`
    select s.variant_id, s.warehouse_id, w.code, s.on_hand, s.reserved, s.low_stock_threshold as low
      from stock_levels s join warehouses w on w.id = s.warehouse_id and w.is_active
     where s.variant_id = any(${variantIds})
     order by s.variant_id, w.priority desc, w.id`;
  return rows.map((r) => ({
    variantId: r.variant_id,
    warehouseId: r.warehouse_id,
    warehouseCode: r.code,
    onHand: r.on_hand,
    reserved: r.reserved,
    available: r.on_hand - r.reserved,
    lowStockThreshold: r.low,
  }));
}
