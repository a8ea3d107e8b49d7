/** Sellable units per variant: what product pages, cards and the search index show as stock. */
import type { Db } from '../../app/database.ts';
import type { StockSource } from '../catalog/index.ts';

/**
 * On hand minus reserved, summed over active warehouses, per variant id (variants without a
 * stock row are left out). One query, by primary key.
 */
export async function getAvailableUnits(db: Db, variantIds: readonly string[]): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db<{ variant_id: string; units: number }[]>`
    select s.variant_id, sum(greatest(s.on_hand - s.reserved, 0))::int as units
      from stock_levels s join warehouses w on w.id = s.warehouse_id and w.is_active
     where s.variant_id = any(${variantIds as string[]})
     group by s.variant_id`;
  return new Map(rows.map((r) => [r.variant_id, r.units]));
}

/** Inventory's answer to catalog's stock port, plugged in by the composition root. */
export const inventoryStockSource: StockSource = { availableUnits: getAvailableUnits };
