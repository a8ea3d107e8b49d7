import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import {
  getPlacement,
  ModelCache,
  newShopperKey,
  recordBehaviourEvents,
  removeInterest,
  setShopperConsent,
  trainRecommendationModels,
} from '../index.ts';
import { neighboursOf } from '../models/neighbour-matrix.ts';
import type { ServingModel } from './model-cache.ts';

let sql: Sql;
let model: ServingModel;
let product: string;

beforeAll(async () => {
  ({ sql } = await createTestDatabase());
  await trainRecommendationModels(sql, { force: true });
  model = (await new ModelCache().model(sql))!;
  const [top] = await sql<{ id: string }[]>`
    select id from products where status = 'published' order by sales_count desc, id limit 1`;
  product = top!.id;
});

/** Item ids in `product`'s row of a neighbour matrix. */
function rowOf(matrix: keyof ServingModel['matrices'], id: string): Set<string> {
  const m = model.matrices[matrix];
  if (!m) return new Set();
  return new Set(neighboursOf(m, model.indexOf.get(id)!).map((n) => model.itemKeys[n.item]!));
}

describe('getPlacement strategies (experiment arms)', () => {
  it('answers with popularity alone for the popular strategy', async () => {
    const result = await getPlacement(
      sql,
      { placement: 'product_similar', productId: product, limit: 6, locale: 'en', strategy: 'popular' },
      new ModelCache(),
    );
    expect(result.strategy).toBe('popular');
    expect(result.items).toHaveLength(6);
    expect(result.items.every((i) => i.reason.code === 'popular')).toBe(true);
  });

  it('ranks similar items by content neighbours only for the content strategy', async () => {
    const result = await getPlacement(
      sql,
      { placement: 'product_similar', productId: product, limit: 6, locale: 'en', strategy: 'content' },
      new ModelCache(),
    );
    const content = rowOf('content', product);
    const similar = result.items.filter((i) => i.reason.code === 'similar');
    expect(result.strategy).toBe('content');
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.every((i) => content.has(i.product.id))).toBe(true);
  });

  it('differs between the hybrid and a single model for a personal home page', async () => {
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    const viewed = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by id limit 3`;
    await recordBehaviourEvents(
      sql,
      key,
      viewed.map((v) => ({ kind: 'product_view' as const, productId: v.id })),
    );
    const ask = { placement: 'home_for_you' as const, shopperKey: key, limit: 8, locale: 'zh' as const };
    const hybrid = await getPlacement(sql, ask, new ModelCache());
    const content = await getPlacement(sql, { ...ask, strategy: 'content' }, new ModelCache());
    expect(hybrid).toMatchObject({ personal: true, strategy: 'hybrid' });
    expect(content).toMatchObject({ personal: true, strategy: 'content' });
    expect(content.items).toHaveLength(8);
  });
});

describe('shopper signals cache', () => {
  it('sees an event recorded a moment ago, and forgets the shopper when consent is withdrawn', async () => {
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    const [first, second] = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by created_at, id limit 2`;
    await recordBehaviourEvents(sql, key, [{ kind: 'product_view', productId: first!.id }]);
    const cache = new ModelCache();
    const ask = { placement: 'home_for_you' as const, shopperKey: key, limit: 8, locale: 'en' as const };
    const before = await getPlacement(sql, ask, cache);
    expect(before.personal).toBe(true);
    expect(before.items.map((i) => i.product.id)).not.toContain(first!.id);

    // Within the cache's lifetime: the new view must already count (viewed items are not shown).
    await recordBehaviourEvents(sql, key, [{ kind: 'product_view', productId: second!.id }]);
    const after = await getPlacement(sql, ask, cache);
    expect(after.items.map((i) => i.product.id)).not.toContain(second!.id);

    await setShopperConsent(sql, key, { personalisation: false, analytics: false });
    const off = await getPlacement(sql, ask, cache);
    expect(off.personal).toBe(false);
  });
});

describe('business filters', () => {
  it('offers a consumable product again after a purchase, never a durable one', async () => {
    const [tea] = await sql<{ id: string; category_id: string }[]>`
      select p.id, p.category_id from products p join categories c on c.id = p.category_id
       where p.status = 'published' and c.slug = 'tea' order by p.sales_count desc, p.id limit 1`;
    const [durable] = await sql<{ id: string }[]>`
      select p.id from products p join categories c on c.id = p.category_id
       where p.status = 'published' and c.slug = 'laptops' order by p.sales_count desc, p.id limit 1`;
    await sql`update categories set consumable = true
               where id = (select parent_id from categories where id = ${tea!.category_id})`;
    await trainRecommendationModels(sql, { force: true });
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    await recordBehaviourEvents(sql, key, [
      { kind: 'purchase', productId: tea!.id },
      { kind: 'purchase', productId: durable!.id },
    ]);
    const served = async (productId: string, shopperKey: string | null = key) =>
      (
        await getPlacement(
          sql,
          { placement: 'product_similar', productId, shopperKey, limit: 24, locale: 'zh' },
          new ModelCache(),
        )
      ).items.map((i) => i.product.id);
    // A sibling's "similar" shelf is where each bought product would show up first.
    const [teaSibling] = await sql<{ id: string }[]>`
      select id from products where category_id = ${tea!.category_id} and id <> ${tea!.id}
         and status = 'published' order by id limit 1`;
    const [laptopSibling] = await sql<{ id: string }[]>`
      select p.id from products p join categories c on c.id = p.category_id
       where c.slug = 'laptops' and p.id <> ${durable!.id} and p.status = 'published' order by p.id limit 1`;
    // Both would be shown to someone who has not bought them.
    expect(await served(teaSibling!.id, null)).toContain(tea!.id);
    expect(await served(laptopSibling!.id, null)).toContain(durable!.id);
    expect(await served(teaSibling!.id)).toContain(tea!.id);
    expect(await served(laptopSibling!.id)).not.toContain(durable!.id);
  });
});

describe('removed interests', () => {
  it('never recommends a product of a removed category or brand, personalisation on or off', async () => {
    const [target] = await sql<{ id: string; category_id: string; brand_id: string }[]>`
      select id, category_id, brand_id from products
       where status = 'published' and brand_id is not null order by sales_count desc, id limit 1`;
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    await recordBehaviourEvents(sql, key, [{ kind: 'product_view', productId: target!.id }]);
    const cache = new ModelCache();
    const shown = async () => {
      const asks = [
        { placement: 'home_for_you' as const },
        { placement: 'product_similar' as const, productId: target!.id },
        { placement: 'cart_complete' as const, cartProductIds: [target!.id] },
      ];
      const results = await Promise.all(
        asks.map((a) => getPlacement(sql, { ...a, shopperKey: key, limit: 24, locale: 'zh' }, cache)),
      );
      const ids = results.flatMap((r) => r.items.map((i) => i.product.id));
      return sql<{ category_id: string; brand_id: string | null }[]>`
        select category_id, brand_id from products where id = any(${ids})`;
    };
    const before = await shown();
    expect(before.some((p) => p.category_id === target!.category_id)).toBe(true);
    expect(before.some((p) => p.brand_id === target!.brand_id)).toBe(true);

    await removeInterest(sql, key, { kind: 'category', value: target!.category_id });
    await removeInterest(sql, key, { kind: 'brand', value: target!.brand_id });
    const after = await shown();
    expect(after.length).toBeGreaterThan(24);
    expect(
      after.filter((p) => p.category_id === target!.category_id || p.brand_id === target!.brand_id),
    ).toEqual([]);

    await setShopperConsent(sql, key, { personalisation: false, analytics: false });
    const off = await shown();
    expect(
      off.filter((p) => p.category_id === target!.category_id || p.brand_id === target!.brand_id),
    ).toEqual([]);
  });
});

describe('kept answers', () => {
  it('stop showing a product once it sells out, personal or not', async () => {
    const cache = new ModelCache({ summaryRefreshMs: 50 });
    const [viewed] = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by sales_count, id limit 1`;
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    await recordBehaviourEvents(sql, key, [{ kind: 'product_view', productId: viewed!.id }]);
    const personal = { placement: 'home_for_you' as const, shopperKey: key, limit: 8, locale: 'en' as const };
    const anonymous = { placement: 'home_for_you' as const, limit: 8, locale: 'en' as const };
    const first = await getPlacement(sql, personal, cache);
    expect(await getPlacement(sql, personal, cache)).toBe(first); // memoised
    const shared = await getPlacement(sql, anonymous, cache);
    const soldOut = [first.items[0]!.product.id, shared.items[0]!.product.id];
    await sql`update stock_levels set on_hand = reserved
               where variant_id in (select id from variants where product_id = any(${soldOut}))`;
    await expect
      .poll(
        async () => {
          const ids = [
            ...(await getPlacement(sql, personal, cache)).items,
            ...(await getPlacement(sql, anonymous, cache)).items,
          ].map((i) => i.product.id);
          return soldOut.filter((id) => ids.includes(id));
        },
        { timeout: 20_000, interval: 60 },
      )
      .toEqual([]);
  });
});
