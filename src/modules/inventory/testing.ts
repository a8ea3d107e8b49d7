/** Test builders for inventory's rows (stock of a catalog product built by catalog's builder). */
import type { Sql } from '../../app/database.ts';
import { newId, randomBase32 } from '../../app/ids.ts';
import { buildProduct } from '../catalog/testing.ts';

/** A new warehouse (active unless `isActive: false`). */
export async function buildWarehouse(
  sql: Sql,
  options: { priority?: number; isActive?: boolean } = {},
): Promise<string> {
  const warehouseId = newId('wh');
  await sql`insert into warehouses (id, code, name_zh, name_en, region, priority, is_active)
            values (${warehouseId}, ${`W-${randomBase32(8)}`}, '仓库', 'Warehouse', '上海',
                    ${options.priority ?? 0}, ${options.isActive ?? true})`;
  return warehouseId;
}

/** A published product with one active variant, stocked in one new warehouse per entry of `stock`. */
export async function buildStockedVariant(
  sql: Sql,
  options: { priceMinor?: number; stock?: number[]; priorities?: number[] } = {},
): Promise<{ productId: string; variantId: string; warehouseIds: string[] }> {
  const { productId, variantId } = await buildProduct(sql, { priceMinor: options.priceMinor });
  const warehouseIds: string[] = [];
  const stock = options.stock ?? [10];
  for (let i = 0; i < stock.length; i++) {
    const warehouseId = await buildWarehouse(sql, { priority: options.priorities?.[i] });
    warehouseIds.push(warehouseId);
    await sql`insert into stock_levels (variant_id, warehouse_id, on_hand) values (${variantId}, ${warehouseId}, ${stock[i]!})`;
  }
  return { productId, variantId, warehouseIds };
}

/** Stock of a variant summed over warehouses. */
export async function stockOf(sql: Sql, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await sql<{ on_hand: number; reserved: number }[]>`
    select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved
      from stock_levels where variant_id = ${variantId}`;
  return { onHand: row!.on_hand, reserved: row!.reserved };
}
