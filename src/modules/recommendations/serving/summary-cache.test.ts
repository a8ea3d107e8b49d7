import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import { SummaryCache } from './summary-cache.ts';

const { sql } = await createTestDatabase();

async function publishedIds(n: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from products where status = 'published' order by sales_count desc, id limit ${n}`;
  return rows.map((r) => r.id);
}

async function sellOut(productId: string): Promise<void> {
  await sql`update stock_levels set on_hand = reserved
             where variant_id in (select id from variants where product_id = ${productId})`;
}

describe('SummaryCache', () => {
  it('answers concurrent requests for the same products with the same summaries', async () => {
    const ids = await publishedIds(6);
    const cache = new SummaryCache();
    const [a, b] = await Promise.all([cache.get(sql, ids), cache.get(sql, ids.slice(2))]);
    expect([...a.keys()]).toEqual(ids);
    expect(b.get(ids[3]!)).toBe(a.get(ids[3]!));
  });

  it('serves what it holds until its periodic refresh, which then sees a sell-out', async () => {
    const [id] = await publishedIds(1);
    const cache = new SummaryCache({ refreshMs: 50 });
    expect((await cache.get(sql, [id!])).get(id!)!.inStock).toBe(true);
    await sellOut(id!);
    expect(cache.isKnownUnavailable(id!)).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    await cache.get(sql, [id!]); // starts the refresh beside the request
    await expect.poll(() => cache.isKnownUnavailable(id!), { timeout: 20_000 }).toBe(true);
  });

  it('re-reads a product at once after clear (a merchant change on this instance)', async () => {
    const ids = (await publishedIds(3)).slice(1);
    const cache = new SummaryCache();
    expect((await cache.get(sql, ids)).get(ids[0]!)!.inStock).toBe(true);
    await sellOut(ids[0]!);
    cache.clear();
    expect((await cache.get(sql, ids)).get(ids[0]!)!.inStock).toBe(false);
  });
});
