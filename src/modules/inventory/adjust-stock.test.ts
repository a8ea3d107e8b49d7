import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import {
  adjustStock,
  getStockLevels,
  listLowStock,
  listStock,
  listStockMovements,
  listWarehouses,
} from './index.ts';

const { sql } = await createTestDatabase();

async function variantWithStock(minOnHand: number) {
  const [row] = await sql<{ variant_id: string; warehouse_id: string; on_hand: number }[]>`
    select variant_id, warehouse_id, on_hand from stock_levels
     where on_hand >= ${minOnHand} and reserved = 0 order by variant_id limit 1 offset ${minOnHand}`;
  return row!;
}

describe('adjustStock', () => {
  it('adds and removes stock, writing a movement and a stock.changed event', async () => {
    const level = await variantWithStock(10);
    const added = await adjustStock(sql, {
      ...ids(level),
      delta: 5,
      reason: 'restock',
      note: 'PO-1',
      actorId: 'stf_test',
    });
    expect(added.onHand).toBe(level.on_hand + 5);
    const removed = await adjustStock(sql, { ...ids(level), delta: -3, reason: 'damage' });
    expect(removed.onHand).toBe(level.on_hand + 2);
    const [latest, previous] = await listStockMovements(sql, level.variant_id);
    expect(latest).toMatchObject({ delta: -3, reason: 'damage', onHandAfter: level.on_hand + 2 });
    expect(previous).toMatchObject({ delta: 5, reason: 'restock', note: 'PO-1', actorId: 'stf_test' });
    const events = await sql<{ payload: { productId: string; variantId: string } }[]>`
      select payload from domain_events where type = 'stock.changed' and aggregate_id = ${level.variant_id}`;
    expect(events).toHaveLength(2);
    const [variant] = await sql<
      { product_id: string }[]
    >`select product_id from variants where id = ${level.variant_id}`;
    expect(events[0]!.payload).toMatchObject({ variantId: level.variant_id, productId: variant!.product_id });
  });

  it('refuses to take on hand below zero and changes nothing', async () => {
    const level = await variantWithStock(1);
    await expect(
      adjustStock(sql, { ...ids(level), delta: -(level.on_hand + 1), reason: 'count' }),
    ).rejects.toMatchObject({
      code: 'insufficient_stock',
      status: 409,
    });
    const [now] = await getStockLevels(sql, [level.variant_id]).then((l) =>
      l.filter((x) => x.warehouseId === level.warehouse_id),
    );
    expect(now!.onHand).toBe(level.on_hand);
  });

  it('never goes negative when many removals race', async () => {
    const level = await variantWithStock(12);
    // Bring the row to exactly 10 units, then race 30 removals of one unit each.
    await adjustStock(sql, { ...ids(level), delta: 10 - level.on_hand || 1, reason: 'count' });
    const [start] = await sql<{ on_hand: number }[]>`
      select on_hand from stock_levels where variant_id = ${level.variant_id} and warehouse_id = ${level.warehouse_id}`;
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => adjustStock(sql, { ...ids(level), delta: -1, reason: 'adjustment' })),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;
    expect(succeeded).toBe(start!.on_hand);
    const [end] = await sql<{ on_hand: number }[]>`
      select on_hand from stock_levels where variant_id = ${level.variant_id} and warehouse_id = ${level.warehouse_id}`;
    expect(end!.on_hand).toBe(0);
    const [moves] = await sql<{ n: number }[]>`
      select count(*)::int as n from stock_movements
       where variant_id = ${level.variant_id} and warehouse_id = ${level.warehouse_id} and reason = 'adjustment'`;
    expect(moves!.n).toBe(succeeded);
  });

  it('rejects unknown variants and a zero delta', async () => {
    const [wh] = await listWarehouses(sql);
    await expect(
      adjustStock(sql, { variantId: 'var_nope', warehouseId: wh!.id, delta: 1, reason: 'restock' }),
    ).rejects.toMatchObject({ status: 404 });
    const level = await variantWithStock(1);
    await expect(adjustStock(sql, { ...ids(level), delta: 0, reason: 'restock' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('stock reads', () => {
  it('lists both warehouses and low stock rows, lowest first', async () => {
    const warehouses = await listWarehouses(sql);
    expect(warehouses.map((w) => w.name.zh).sort()).toEqual(['上海仓', '广州仓']);
    const low = await listLowStock(sql, 50);
    expect(low.length).toBe(50);
    expect(low.every((r) => r.available <= r.lowStockThreshold)).toBe(true);
    expect(low[0]!.available).toBe(0);
  });

  it('lists stock rows by SKU with product facts, filtered by SKU or title, product and warehouse', async () => {
    const all = await listStock(sql, { pageSize: 100 });
    const skus = all.items.map((r) => r.sku);
    // The database's collation decides the order: compare with its own sort.
    const sorted = await sql<{ sku: string }[]>`select unnest(${skus}::text[]) as sku order by 1`;
    expect(skus).toEqual(sorted.map((r) => r.sku));
    expect(all.total).toBeGreaterThan(100);
    const row = all.items[0]!;
    expect(row.productTitle.zh).not.toBe('');
    const bySku = await listStock(sql, { q: row.sku.toLowerCase() });
    expect(bySku.items.map((r) => r.sku)).toContain(row.sku);
    expect(bySku.items.every((r) => r.sku.toLowerCase().includes(row.sku.toLowerCase()))).toBe(true);
    const byTitle = await listStock(sql, { q: row.productTitle.en });
    expect(byTitle.items.some((r) => r.productId === row.productId)).toBe(true);
    const oneProductOneWarehouse = await listStock(sql, {
      productId: row.productId,
      warehouseId: row.warehouseId,
    });
    expect(oneProductOneWarehouse.items.length).toBeGreaterThan(0);
    expect(
      oneProductOneWarehouse.items.every(
        (r) => r.productId === row.productId && r.warehouseId === row.warehouseId,
      ),
    ).toBe(true);
    const pastTheEnd = await listStock(sql, { productId: row.productId, page: 99 });
    expect(pastTheEnd).toEqual({
      items: [],
      total: (await listStock(sql, { productId: row.productId })).total,
    });
    expect(await listStock(sql, { q: 'no-such-sku-or-title' })).toEqual({ items: [], total: 0 });
  });
});

function ids(level: { variant_id: string; warehouse_id: string }) {
  return { variantId: level.variant_id, warehouseId: level.warehouse_id };
}
