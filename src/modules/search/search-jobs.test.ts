import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import { updateProduct } from '../catalog/index.ts';
import { buildIndexIfEmpty, productIdsOf, reindexFromEvents } from './search-jobs.ts';
import { searchProducts } from './search-products.ts';

let sql: Sql;
let productId: string;
beforeAll(async () => {
  ({ sql } = await createTestDatabase());
  await reindexFromEvents(sql); // the consumer starts after the seed's events
  const [row] = await sql<
    { id: string }[]
  >`select id from products where status = 'published' order by id limit 1`;
  productId = row!.id;
});

/**
 * Runs the job until it has handled something: the cursor waits for every transaction open on
 * the server (other test files share it) before it moves past an event.
 */
async function runJobUntilHandled(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const handled = await reindexFromEvents(sql);
    if (handled > 0) return handled;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 0;
}

const find = (q: string) => searchProducts(sql, { q, sort: 'relevance', page: 1, pageSize: 10 });

describe('search reindex job', () => {
  it('builds the whole index once when it is empty', async () => {
    await sql`truncate search_documents, search_vectors`;
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from products`;
    expect(await buildIndexIfEmpty(sql)).toBe(row!.n);
    expect(await buildIndexIfEmpty(sql)).toBe(0);
    expect((await find('蓝牙耳机')).total).toBeGreaterThan(0);
  });

  it('reindexes a product after product.updated', async () => {
    // given a product whose new title nothing else has
    expect((await find('萤火虫台灯')).total).toBe(0);
    await updateProduct(sql, productId, { title: { zh: '萤火虫台灯', en: 'Firefly Desk Lamp' } });
    // when the job runs
    const handled = await runJobUntilHandled();
    // then the new title is found, in both languages, and the event is not handled twice
    expect(handled).toBeGreaterThanOrEqual(1);
    expect((await find('萤火虫台灯')).productIds).toEqual([productId]);
    expect((await find('firefly lamp')).productIds).toEqual([productId]);
    expect(await reindexFromEvents(sql)).toBe(0);
  });

  it('drops an archived product from results', async () => {
    await sql`update products set status = 'archived' where id = ${productId}`;
    await recordEvent(sql, 'product.archived', productId, { productId });
    expect(await runJobUntilHandled()).toBe(1);
    expect((await find('萤火虫台灯')).total).toBe(0);
  });

  it('reindexes the product of a stock event that names only its variant', async () => {
    const [row] = await sql<{ id: string; product_id: string }[]>`
      select v.id, v.product_id from variants v join products p on p.id = v.product_id
       where p.status = 'published' and p.id <> ${productId} order by v.id limit 1`;
    await sql`update search_documents set sales_count = -1 where product_id = ${row!.product_id}`;
    await recordEvent(sql, 'stock.changed', row!.id, {
      variantId: row!.id,
      warehouseId: 'wh_main',
      onHand: 5,
      reserved: 0,
      cause: 'restock',
    });
    expect(await runJobUntilHandled()).toBe(1);
    const [doc] = await sql<{ sales_count: number }[]>`
      select sales_count from search_documents where product_id = ${row!.product_id}`;
    expect(doc!.sales_count).toBeGreaterThanOrEqual(0);
  });

  it('reads product ids from payloads and product aggregates', () => {
    const at = { id: 1, createdAt: new Date() };
    const paid = { productIds: ['prod_a', 'prod_b'], products: [] };
    expect(productIdsOf({ ...at, type: 'order.paid', aggregateId: 'ord_1', payload: paid })).toEqual([
      'prod_a',
      'prod_b',
    ]);
    const stock = { variantId: 'var_1', warehouseId: 'wh_1', onHand: 1, reserved: 0, cause: 'restock' };
    expect(
      productIdsOf({
        ...at,
        type: 'stock.changed',
        aggregateId: 'var_1',
        payload: { ...stock, productId: 'prod_c' },
      }),
    ).toEqual(['prod_c']);
    expect(productIdsOf({ ...at, type: 'stock.changed', aggregateId: 'var_1', payload: stock })).toEqual([]);
    expect(
      productIdsOf({
        ...at,
        type: 'product.published',
        aggregateId: 'prod_d',
        payload: { productId: 'prod_d' },
      }),
    ).toEqual(['prod_d']);
  });
});
