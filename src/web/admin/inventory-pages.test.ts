/** Inventory screens: stock list, adjust with reason and note through the form, history, errors in-page. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { newId } from '../../app/ids.ts';
import { getStockLevels } from '../../modules/inventory/index.ts';
import { type Browser, buildStaff, buildVariant, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

let merchant: Browser;
let warehouseId: string;

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  warehouseId = newId('wh');
  await sql`insert into warehouses (id, code, name_zh, name_en, region)
    values (${warehouseId}, ${`T${warehouseId.slice(3, 8)}`}, '测试仓', 'Test warehouse', 'east')`;
});

describe('inventory screens', () => {
  it('adjusts stock with a reason and note, and shows the movement', async () => {
    const { productId, variantId, sku } = await buildVariant(sql);
    const page = await merchant.get(`/admin/console/inventory/products/${productId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(sku);
    const res = await merchant.post(`/admin/console/inventory/products/${productId}/adjust`, {
      _csrf: merchant.csrf,
      variantId,
      warehouseId,
      delta: '12',
      reason: 'restock',
      note: 'Pallet 7 arrived',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/admin/console/inventory/products/${productId}?done=stock_adjusted`);
    const [level] = await getStockLevels(sql, [variantId]);
    expect(level?.onHand).toBe(12);
    const after = await merchant.get(res.headers.location!);
    expect(after.body).toContain('Pallet 7 arrived');
    expect(after.body).toContain('+12');
    const list = await merchant.get(`/admin/console/inventory?q=${sku}`);
    expect(list.body).toContain(sku);
  });

  it('refuses taking more than is on hand, in the page', async () => {
    const { productId, variantId } = await buildVariant(sql);
    const res = await merchant.post(`/admin/console/inventory/products/${productId}/adjust`, {
      _csrf: merchant.csrf,
      variantId,
      warehouseId,
      delta: '-5',
      reason: 'damage',
      note: '',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('库存不足，无法满足该数量。');
    expect(res.body).toContain('value="-5"');
    const zero = await merchant.post(`/admin/console/inventory/products/${productId}/adjust`, {
      _csrf: merchant.csrf,
      variantId,
      warehouseId,
      delta: '0',
      reason: 'count',
      note: '',
    });
    expect(zero.statusCode).toBe(422);
    expect(zero.body).toContain('数量变化：不能为 0。');
    expect(zero.body).not.toContain('must not be zero');
  });

  it("refuses adjusting another product's variant from this page", async () => {
    const one = await buildVariant(sql);
    const other = await buildVariant(sql);
    const res = await merchant.post(`/admin/console/inventory/products/${one.productId}/adjust`, {
      _csrf: merchant.csrf,
      variantId: other.variantId,
      warehouseId,
      delta: '3',
      reason: 'restock',
      note: '',
    });
    expect(res.statusCode).toBe(404);
    expect(await getStockLevels(sql, [other.variantId])).toEqual([]);
  });
});
