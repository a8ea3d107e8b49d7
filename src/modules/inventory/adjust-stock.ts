/** Merchant: changes on-hand stock of a variant in a warehouse, with a reason, and keeps history. */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { badRequest, conflict, notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import { getVariantRefs } from '../catalog/index.ts';

export const ADJUSTMENT_REASONS = ['adjustment', 'restock', 'damage', 'count', 'return'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

export interface AdjustStockInput {
  variantId: string;
  warehouseId: string;
  /** Units added (positive) or removed (negative); never zero. */
  delta: number;
  reason: AdjustmentReason;
  note?: string;
  actorId?: string | null;
}

/**
 * Applies `delta` with one conditional update, so concurrent adjustments can never drive on_hand
 * below zero or below what is reserved: the losing one gets 409 `insufficient_stock`. Writes a
 * stock movement and records `stock.changed`. Returns the new on-hand and available counts.
 */
export async function adjustStock(
  db: Db,
  input: AdjustStockInput,
): Promise<{ onHand: number; available: number }> {
  if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > 1_000_000)
    throw badRequest('invalid_delta', 'delta must be a non-zero integer of at most 1,000,000.');
  return withTransaction(db, async (tx) => {
    const [variant] = await getVariantRefs(tx, [input.variantId]);
    if (!variant) throw notFound('variant');
    const [warehouse] = await tx`select 1 from warehouses where id = ${input.warehouseId}`;
    if (!warehouse) throw notFound('warehouse');
    // A variant may have no row yet in this warehouse: create it empty, then adjust.
    await tx`insert into stock_levels (variant_id, warehouse_id) values (${input.variantId}, ${input.warehouseId})
              on conflict do nothing`;
    const [level] = await tx<{ on_hand: number; reserved: number }[]>`
      update stock_levels set on_hand = on_hand + ${input.delta}, updated_at = now()
       where variant_id = ${input.variantId} and warehouse_id = ${input.warehouseId}
         and on_hand + ${input.delta} >= reserved
      returning on_hand, reserved`;
    if (!level) {
      const [now] = await tx<{ on_hand: number; reserved: number }[]>`
        select on_hand, reserved from stock_levels
         where variant_id = ${input.variantId} and warehouse_id = ${input.warehouseId}`;
      throw conflict('insufficient_stock', 'That would take stock below what is on hand and reserved.', {
        available: (now?.on_hand ?? 0) - (now?.reserved ?? 0),
      });
    }
    await tx`insert into stock_movements (variant_id, warehouse_id, delta, reason, note, actor_id, on_hand_after)
      values (${input.variantId}, ${input.warehouseId}, ${input.delta}, ${input.reason},
              ${(input.note ?? '').slice(0, 500)}, ${input.actorId ?? null}, ${level.on_hand})`;
    await recordEvent(tx, 'stock.changed', input.variantId, {
      variantId: input.variantId,
      productId: variant.productId,
      warehouseId: input.warehouseId,
      onHand: level.on_hand,
      reserved: level.reserved,
      cause: input.reason,
    });
    return { onHand: level.on_hand, available: level.on_hand - level.reserved };
  });
}
