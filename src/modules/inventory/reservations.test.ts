import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { withTransaction } from '../../app/database.ts';
import {
  commitReservations,
  releaseExpiredReservations,
  releaseReservations,
  reserveStock,
  restockCommittedReservations,
} from './reservations.ts';
import { buildStockedVariant, stockOf } from './testing.ts';

const { sql } = await createTestDatabase();

describe('reserveStock', () => {
  it('takes from the highest-priority warehouse first and splits when it runs short', async () => {
    const { variantId, warehouseIds } = await buildStockedVariant(sql, { stock: [3, 5], priorities: [1, 9] });
    const reservations = await withTransaction(sql, (tx) =>
      reserveStock(tx, { holderId: 'ord_a', lines: [{ variantId, quantity: 7 }], ttlMinutes: 30 }),
    );
    const byWarehouse = Object.fromEntries(reservations.map((r) => [r.warehouseId, r.quantity]));
    expect(byWarehouse).toEqual({ [warehouseIds[1]!]: 5, [warehouseIds[0]!]: 2 });
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 8, reserved: 7 });
  });

  it('refuses with 409 insufficient_stock and the available count, reserving nothing', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [2, 1] });
    const other = await buildStockedVariant(sql, { stock: [5] });
    const attempt = withTransaction(sql, (tx) =>
      reserveStock(tx, {
        holderId: 'ord_b',
        // the same variant twice must not slip past the check line by line
        lines: [
          { variantId: other.variantId, quantity: 1 },
          { variantId, quantity: 2 },
          { variantId, quantity: 2 },
        ],
        ttlMinutes: 30,
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'insufficient_stock',
      status: 409,
      extra: { variantId, available: 3 },
    });
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 3, reserved: 0 });
    expect(await stockOf(sql, other.variantId)).toEqual({ onHand: 5, reserved: 0 });
  });
});

describe('commitReservations / releaseReservations', () => {
  it('commits a sale: on_hand and reserved drop and a sale movement is written', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [4] });
    await withTransaction(sql, async (tx) => {
      await reserveStock(tx, { holderId: 'ord_c', lines: [{ variantId, quantity: 3 }], ttlMinutes: 30 });
      await commitReservations(tx, 'ord_c');
    });
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 1, reserved: 0 });
    const moves = await sql`select delta, reason, on_hand_after from stock_movements where ref_id = 'ord_c'`;
    expect(moves.map((m) => ({ ...m }))).toEqual([{ delta: -3, reason: 'sale', on_hand_after: 1 }]);
    const [event] =
      await sql`select payload from domain_events where type = 'stock.changed' and aggregate_id = ${variantId} order by id desc limit 1`;
    expect(event?.payload).toMatchObject({ onHand: 1, reserved: 0, cause: 'sale' });
    // committing again finds nothing active: no double sale
    expect(await withTransaction(sql, (tx) => commitReservations(tx, 'ord_c'))).toEqual([]);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 1, reserved: 0 });
  });

  it('releases a hold, and restocks a committed sale once', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [4] });
    await withTransaction(sql, (tx) =>
      reserveStock(tx, { holderId: 'ord_d', lines: [{ variantId, quantity: 2 }], ttlMinutes: 30 }),
    );
    await withTransaction(sql, (tx) => releaseReservations(tx, 'ord_d'));
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 4, reserved: 0 });
    await withTransaction(sql, async (tx) => {
      await reserveStock(tx, { holderId: 'ord_e', lines: [{ variantId, quantity: 2 }], ttlMinutes: 30 });
      await commitReservations(tx, 'ord_e');
    });
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 2, reserved: 0 });
    await withTransaction(sql, (tx) => restockCommittedReservations(tx, 'ord_e', 'staff:x'));
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 4, reserved: 0 });
  });
});

describe('releaseExpiredReservations', () => {
  it('releases only reservations past expiry and grace', async () => {
    const { variantId } = await buildStockedVariant(sql, { stock: [5] });
    await withTransaction(sql, async (tx) => {
      await reserveStock(tx, { holderId: 'ord_old', lines: [{ variantId, quantity: 2 }], ttlMinutes: 1 });
      await reserveStock(tx, { holderId: 'ord_new', lines: [{ variantId, quantity: 1 }], ttlMinutes: 30 });
    });
    await sql`update stock_reservations set expires_at = now() - interval '20 minutes' where holder_id = 'ord_old'`;
    const released = await withTransaction(sql, (tx) =>
      releaseExpiredReservations(tx, { graceMinutes: 15, limit: 100 }),
    );
    expect(released).toBeGreaterThanOrEqual(1);
    expect(await stockOf(sql, variantId)).toEqual({ onHand: 5, reserved: 1 });
    const [old] = await sql`select status from stock_reservations where holder_id = 'ord_old'`;
    expect(old?.status).toBe('released');
  });
});
