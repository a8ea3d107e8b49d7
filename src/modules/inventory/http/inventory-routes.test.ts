import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import { createSession } from '../../identity/index.ts';

const { app, sql } = await createTestApp();
let merchant: Record<string, string>;
let agent: Record<string, string>;

beforeAll(async () => {
  const staff = await sql<{ id: string; role: string }[]>`select id, role from staff_users`;
  const headersFor = async (role: string) => ({
    authorization: `Bearer ${(await createSession(sql, { kind: 'staff', staffId: staff.find((s) => s.role === role)!.id })).token}`,
  });
  merchant = await headersFor('merchant');
  agent = await headersFor('agent');
});

describe('inventory routes', () => {
  it('lets a merchant list low stock, adjust with a reason and read the history', async () => {
    const list = await app.inject({ url: '/admin/inventory?lowOnly=true&pageSize=5', headers: merchant });
    expect(list.statusCode).toBe(200);
    expect(list.json().warehouses).toHaveLength(2);
    const row = list.json().items[0];
    expect(row.isLow).toBe(true);
    const adjusted = await app.inject({
      method: 'POST',
      url: '/admin/inventory/adjustments',
      headers: merchant,
      payload: {
        variantId: row.variantId,
        warehouseId: row.warehouseId,
        delta: 20,
        reason: 'restock',
        note: '补货',
      },
    });
    expect(adjusted.statusCode).toBe(200);
    expect(adjusted.json().onHand).toBe(row.onHand + 20);
    const history = await app.inject({
      url: `/admin/inventory/${row.variantId}/movements`,
      headers: merchant,
    });
    expect(history.json()[0]).toMatchObject({ delta: 20, reason: 'restock', note: '补货' });
  });

  it('refuses agents, anonymous callers, unknown fields and bad reasons', async () => {
    const [level] = await sql<{ variant_id: string; warehouse_id: string; on_hand: number }[]>`
      select variant_id, warehouse_id, on_hand from stock_levels order by variant_id limit 1`;
    const body = {
      variantId: level!.variant_id,
      warehouseId: level!.warehouse_id,
      delta: 1,
      reason: 'restock',
    };
    const post = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: 'POST', url: '/admin/inventory/adjustments', headers, payload });
    expect((await post({}, body)).statusCode).toBe(401);
    expect((await post(agent, body)).statusCode).toBe(403);
    expect((await app.inject({ url: '/admin/inventory', headers: agent })).statusCode).toBe(403);
    const extra = await post(merchant, { ...body, reserved: 0 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().type).toBe('/problems/validation_failed');
    expect((await post(merchant, { ...body, reason: 'sale' })).statusCode).toBe(400);
    expect((await post(merchant, { ...body, delta: 0 })).statusCode).toBe(400);
    const [after] = await sql<{ on_hand: number }[]>`
      select on_hand from stock_levels where variant_id = ${level!.variant_id} and warehouse_id = ${level!.warehouse_id}`;
    expect(after!.on_hand).toBe(level!.on_hand);
  });
});
