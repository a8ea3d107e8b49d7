import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import { getProductsForIndexing } from '../../catalog/index.ts';
import {
  getPlacement,
  listInteractionsForTraining,
  ModelCache,
  newShopperKey,
  recordBehaviourEvents,
  SHOPPER_KEY_COOKIE,
  setShopperConsent,
  trainRecommendationModels,
} from '../index.ts';
import { visitorWhoViewed } from '../testing.ts';
import { servingModelOf } from './model-cache.ts';

let sql: Sql;
let app: FastifyInstance;
let version: number;

beforeAll(async () => {
  ({ sql, app } = await createTestApp());
  const result = await trainRecommendationModels(sql);
  version = result.version!;
});

/** Leaf category of each product id. */
async function categoriesOf(ids: string[]): Promise<Map<string, string | undefined>> {
  const products = await getProductsForIndexing(sql, ids);
  return new Map(products.map((p) => [p.id, p.categories.at(-1)?.id]));
}

describe('trainRecommendationModels', () => {
  it('trains from the catalogue alone, stores the model, and skips when up to date', async () => {
    const [published] = await sql<{ n: number }[]>`
      select count(*)::int as n from products where status = 'published'`;
    const [stored] = await sql<{ n: number; items: number }[]>`
      select count(*)::int as n, max(cardinality(item_keys)) as items from recommendation_models`;
    expect(version).toBe(1);
    expect(stored).toEqual({ n: 1, items: published!.n });
    expect(await trainRecommendationModels(sql)).toEqual({ trained: false, reason: 'up_to_date' });
  });
});

describe('trainRecommendationModels with events', () => {
  it('lets only one instance train at a time', async () => {
    const holder = await sql.reserve();
    try {
      await holder`select pg_advisory_lock(${0x7265_6301})`;
      expect(await trainRecommendationModels(sql, { force: true })).toEqual({
        trained: false,
        reason: 'locked',
      });
    } finally {
      await holder`select pg_advisory_unlock(${0x7265_6301})`;
      holder.release();
    }
  });

  it('learns bought-together pairs from consented purchases', async () => {
    const [a, b] = (
      await sql<{ id: string }[]>`
        select id from products where status = 'published' order by sales_count, id limit 2`
    ).map((r) => r.id);
    // What the last training saw, without training again to learn it.
    const before = { interactions: (await listInteractionsForTraining(sql)).length };
    for (let n = 0; n < 4; n++) {
      const shopper = newShopperKey();
      await setShopperConsent(sql, shopper, { personalisation: true, analytics: false });
      await recordBehaviourEvents(sql, shopper, [
        { kind: 'purchase', productId: a! },
        { kind: 'purchase', productId: b! },
      ]);
    }
    const result = await trainRecommendationModels(sql, { force: true });
    expect(result).toMatchObject({ trained: true, reason: 'forced' });
    expect(result.interactions).toBe(before.interactions! + 8);
    const placement = await getPlacement(
      sql,
      { placement: 'product_bought_together', productId: a!, limit: 4, locale: 'zh' },
      new ModelCache(),
    );
    expect(placement.modelVersion).toBe(result.version);
    expect(placement.items[0]!.product.id).toBe(b);
    expect(placement.items[0]!.reason).toMatchObject({ code: 'bought_together', productId: a });
    expect(placement.items[0]!.reason.text).toMatch(/^常与「/);
    const cart = await getPlacement(
      sql,
      { placement: 'cart_complete', cartProductIds: [a!], limit: 4, locale: 'en' },
      new ModelCache(),
    );
    expect(cart.items.map((i) => i.product.id)).not.toContain(a);
    expect(cart.items[0]).toMatchObject({
      product: { id: b },
      reason: { code: 'bought_together', productId: a },
    });
  });
});

describe('getPlacement', () => {
  it('serves a fresh cache (as after a restart) from the stored model', async () => {
    const [product] = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by sales_count desc limit 1`;
    const result = await getPlacement(
      sql,
      { placement: 'product_similar', productId: product!.id, limit: 6, locale: 'en' },
      new ModelCache(),
    );
    const [latest] = await sql<{ v: number }[]>`select max(version) as v from recommendation_models`;
    expect(result.strategy).toBe('hybrid');
    expect(result.modelVersion).toBe(latest!.v);
    expect(result.items).toHaveLength(6);
    expect(result.items[0]!.reason).toMatchObject({ code: 'similar', productId: product!.id });
    expect(result.items.map((i) => i.product.id)).not.toContain(product!.id);
  });

  it('never shows an out-of-stock or unpublished product', async () => {
    const top = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by sales_count desc, id limit 2`;
    const [soldOut, archived] = top.map((r) => r.id);
    await sql`update stock_levels set reserved = 0, on_hand = 0
               where variant_id in (select id from variants where product_id = ${soldOut!})`;
    await sql`update products set status = 'archived' where id = ${archived!}`;
    const result = await getPlacement(
      sql,
      { placement: 'home_for_you', limit: 12, locale: 'zh' },
      new ModelCache(),
    );
    const ids = result.items.map((i) => i.product.id);
    expect(ids).toHaveLength(12);
    expect(ids).not.toContain(soldOut);
    expect(ids).not.toContain(archived);
    expect(result.items.every((i) => i.product.inStock)).toBe(true);
    expect(result.items[0]!.reason.code).toBe('popular');
  });

  it('falls back to popular items when the engine throws', async () => {
    const stored = await new ModelCache().model(sql);
    const broken = {
      ...stored!,
      popularity: undefined,
      hybrid: {
        ...stored!.hybrid,
        scoreInto() {
          throw new Error('corrupt model');
        },
      },
    };
    const result = await getPlacement(
      sql,
      { placement: 'home_for_you', limit: 5, locale: 'en' },
      new ModelCache({ override: broken }),
    );
    expect(result.strategy).toBe('popular');
    expect(result.items).toHaveLength(5);
    expect(result.items.every((i) => i.reason.code === 'popular' && i.product.inStock)).toBe(true);
  });

  it('picks up a newer version trained by another instance', async () => {
    const cache = new ModelCache({ versionCheckMs: 0 });
    const before = (await cache.model(sql))!.version;
    // Another instance's newer version: a copy of the latest under the next number (training
    // again would store the same model, only slower).
    const [trained] = await sql<{ version: number }[]>`
      insert into recommendation_models (name, version, kind, trained_at, params, item_keys, data)
      select name, version + 1, kind, now(), params, item_keys, data from recommendation_models
       where name = 'hybrid' order by version desc limit 1
      returning version`;
    expect(trained!.version).toBe(before + 1);
    // Each call starts a background version check; the reload takes as long as the machine needs.
    await expect
      .poll(async () => (await cache.model(sql))!.version, { interval: 20, timeout: 20_000 })
      .toBe(trained!.version);
  });

  it('keeps serving its model when a newer stored version is corrupt', async () => {
    const cache = new ModelCache({ versionCheckMs: 0 });
    const current = (await cache.model(sql))!.version;
    await sql`
      insert into recommendation_models (name, version, kind, trained_at, params, item_keys, data)
      values ('hybrid', ${current + 100}, 'hybrid', now(), '{}', ${[]}, ${Buffer.from('not a model')})`;
    try {
      // Each call starts a background check that fails; none may reject unhandled (the process would end).
      for (let tries = 0; tries < 5; tries++) {
        await new Promise((r) => setTimeout(r, 20));
        expect((await cache.model(sql))!.version).toBe(current);
      }
      const result = await getPlacement(sql, { placement: 'home_for_you', limit: 4, locale: 'en' }, cache);
      expect(result).toMatchObject({ strategy: 'hybrid', modelVersion: current });
    } finally {
      await sql`delete from recommendation_models where version = ${current + 100}`;
    }
  });

  it('rebuilds the serving view from a restored model', async () => {
    const stored = await new ModelCache().model(sql);
    const again = await servingModelOf(sql, stored!.version, stored!.hybrid, stored!.itemKeys);
    expect(again.matrices.content).toBeDefined();
    expect(Math.max(...again.categoryOf)).toBeGreaterThan(0);
  });
});

describe('GET /store/recommendations with session signals', () => {
  let key: string;
  let viewed: string[];
  let category: string;

  beforeAll(async () => {
    // A leaf category with enough published products that three viewed still leave others.
    const [row] = await sql<{ category_id: string }[]>`
      select category_id from products where status = 'published'
       group by category_id having count(*) >= 8 order by min(sales_count), category_id limit 1`;
    category = row!.category_id;
    viewed = (
      await sql<{ id: string }[]>`
        select id from products where category_id = ${category} and status = 'published' order by id limit 3`
    ).map((r) => r.id);
    key = await visitorWhoViewed(sql, viewed);
  });

  it('puts the viewed category first with a because_viewed reason, privately', async () => {
    const res = await app.inject({
      url: '/store/recommendations?placement=home_for_you&limit=6&locale=en',
      cookies: { [SHOPPER_KEY_COOKIE]: key },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const body = res.json();
    expect(body.personal).toBe(true);
    const first = body.items[0];
    const categories = await categoriesOf([first.product.id]);
    expect(categories.get(first.product.id)).toBe(category);
    expect(first.reason.code).toBe('because_viewed');
    expect(viewed).toContain(first.reason.productId);
    expect(first.reason.text).toMatch(/^Because you viewed /);
    expect(body.items.map((i: { product: { id: string } }) => i.product.id)).not.toContain(viewed[2]);
  });

  it('is non-personal and publicly cacheable once personalisation is off', async () => {
    await setShopperConsent(sql, key, { personalisation: false, analytics: false });
    const res = await app.inject({
      url: '/store/recommendations?placement=home_for_you&limit=6&locale=en',
      cookies: { [SHOPPER_KEY_COOKIE]: key },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/^public/);
    const body = res.json();
    expect(body.personal).toBe(false);
    expect(body.items).toHaveLength(6);
    expect(body.items.every((i: { reason: { code: string } }) => i.reason.code === 'popular')).toBe(true);
  });

  it('is documented in /openapi.json with its tag, summary and response', async () => {
    const res = await app.inject({ url: '/openapi.json' });
    const operation = res.json().paths['/store/recommendations'].get;
    expect(operation.tags).toEqual(['Recommendations']);
    expect(operation.summary).toMatch(/placement/);
    expect(operation.responses['200']).toBeDefined();
    expect(operation.parameters.map((p: { name: string }) => p.name)).toContain('placement');
  });

  it('refuses an unknown placement with validation_failed', async () => {
    const res = await app.inject({ url: '/store/recommendations?placement=nowhere' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code ?? res.json().type).toMatch(/validation_failed/);
  });
});
