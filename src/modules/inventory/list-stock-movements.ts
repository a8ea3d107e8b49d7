/** A variant's stock history, newest first. */
import type { Db } from '../../app/database.ts';

export interface StockMovement {
  id: number;
  warehouseId: string;
  delta: number;
  reason: string;
  note: string;
  refId: string | null;
  actorId: string | null;
  onHandAfter: number;
  createdAt: Date;
}

/** Up to `limit` (≤ 500) movements of the variant across warehouses. */
export async function listStockMovements(db: Db, variantId: string, limit = 100): Promise<StockMovement[]> {
  const rows = await db<
    {
      id: number;
      warehouse_id: string;
      delta: number;
      reason: string;
      note: string;
      ref_id: string | null;
      actor_id: string | null;
      on_hand_after: number;
      created_at: Date;
    }[]
  >`
    select id, warehouse_id, delta, reason, note, ref_id, actor_id, on_hand_after, created_at
      from stock_movements where variant_id = ${variantId}
     order by created_at desc, id desc limit ${Math.min(500, Math.max(1, limit))}`;
  return rows.map((r) => ({
    id: Number(r.id),
    warehouseId: r.warehouse_id,
    delta: r.delta,
    reason: r.reason,
    note: r.note,
    refId: r.ref_id,
    actorId: r.actor_id,
    onHandAfter: r.on_hand_after,
    createdAt: r.created_at,
  }));
}
