/** The interests JSON API: profile, remove and restore, their effect on recommendations, CSRF, no key. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support.ts';
import { createSession, SHOPPER_COOKIE } from '../../../identity/index.ts';
import { newShopperKey, SHOPPER_KEY_COOKIE, trainRecommendationModels } from '../../index.ts';
import { visitorWhoViewed } from '../../testing.ts';

const { app, sql } = await createTestApp();

beforeAll(async () => {
  // A trained model, so the visit boost (not only best sellers) shapes the shelves below.
  await trainRecommendationModels(sql);
});

const JSON_TYPE = { 'content-type': 'application/json' };
const cookieOf = (key: string) => ({ [SHOPPER_KEY_COOKIE]: key });

/** A visitor who allowed personalisation and viewed three products of one leaf category. */
async function categoryFan() {
  const [row] = await sql<{ category_id: string }[]>`
    select category_id from products where status = 'published'
     group by category_id having count(*) >= 8 order by min(sales_count), category_id limit 1`;
  const categoryId = row!.category_id;
  const viewed = (
    await sql<{ id: string }[]>`
      select id from products where category_id = ${categoryId} and status = 'published' order by id limit 3`
  ).map((r) => r.id);
  const key = await visitorWhoViewed(sql, viewed);
  return { key, categoryId };
}

/** The "For you" shelf's products with their brand and category, as this visitor gets it. */
async function forYou(key: string) {
  const res = await app.inject({
    url: '/store/recommendations?placement=home_for_you&limit=24',
    cookies: cookieOf(key),
  });
  expect(res.statusCode).toBe(200);
  const ids = res.json().items.map((i: { product: { id: string } }) => i.product.id) as string[];
  const rows = await sql<{ id: string; brand_id: string | null; category_id: string }[]>`
    select id, brand_id, category_id from products where id = any(${ids})`;
  expect(rows).toHaveLength(ids.length);
  return { personal: res.json().personal as boolean, products: rows };
}

function remove(key: string | null, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/store/interests/removed',
    headers: { ...JSON_TYPE, ...headers },
    cookies: key ? cookieOf(key) : {},
    payload: payload as object,
  });
}

function restore(key: string | null, kind: string, value: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'DELETE',
    url: `/store/interests/removed/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`,
    headers,
    cookies: key ? cookieOf(key) : {},
  });
}

async function removalCount(key: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from shopper_interest_removals where shopper_key = ${key}`;
  return row!.n;
}

describe('GET /store/interests', () => {
  it("reads the visitor's tags with evidence, privately", async () => {
    const { key, categoryId } = await categoryFan();
    const res = await app.inject({ url: '/store/interests', cookies: cookieOf(key) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const profile = res.json();
    expect(profile.personalisation).toBe(true);
    expect(profile.removed).toEqual([]);
    expect(profile.tags[0]).toMatchObject({
      kind: 'category',
      value: categoryId,
      evidence: { views: 3 },
      removable: true,
      removed: false,
    });
    expect(profile.tags[0].label).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(profile.tags.find((t: { kind: string }) => t.kind === 'recency')).toMatchObject({
      value: 'today',
      removable: false,
    });
  });

  it('is an empty profile for a visitor without a (well-formed) key', async () => {
    const empty = { personalisation: false, tags: [], removed: [] };
    const none = await app.inject({ url: '/store/interests' });
    expect(none.statusCode).toBe(200);
    expect(none.headers['cache-control']).toBe('private, no-store');
    expect(none.json()).toEqual(empty);
    const forged = await app.inject({ url: '/store/interests', cookies: cookieOf("vk_' or 1=1") });
    expect(forged.json()).toEqual(empty);
  });
});

describe('POST and DELETE /store/interests/removed', () => {
  it('removes a category: its products leave the For you shelf; restoring answers the profile', async () => {
    const { key, categoryId } = await categoryFan();
    const before = await forYou(key);
    expect(before.products.some((p) => p.category_id === categoryId)).toBe(true);

    const res = await remove(key, { kind: 'category', value: categoryId });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const profile = res.json();
    expect(profile.removed).toEqual([
      { kind: 'category', value: categoryId, label: expect.any(Object), removedAt: expect.any(String) },
    ]);
    expect(profile.tags.find((t: { value: string }) => t.value === categoryId)?.removed).toBe(true);

    const after = await forYou(key);
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.filter((p) => p.category_id === categoryId)).toEqual([]);

    const restored = await restore(key, 'category', categoryId);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().removed).toEqual([]);
    expect(restored.json().tags[0]).toMatchObject({ value: categoryId, removed: false });
    expect(await removalCount(key)).toBe(0);
  });

  it('removes a brand idempotently, even before any consent choice, and restores it', async () => {
    const key = newShopperKey();
    const before = await forYou(key);
    expect(before.personal).toBe(false);
    const brandId = before.products.find((p) => p.brand_id)?.brand_id;
    expect(brandId).toBeTruthy();

    for (let i = 0; i < 2; i++) {
      const res = await remove(key, { kind: 'brand', value: brandId });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ personalisation: false, tags: [] });
      expect(res.json().removed.map((r: { value: string }) => r.value)).toEqual([brandId]);
    }
    expect(await removalCount(key)).toBe(1);
    const after = await forYou(key);
    expect(after.products.length).toBeGreaterThan(0);
    expect(after.products.filter((p) => p.brand_id === brandId)).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const res = await restore(key, 'brand', brandId!);
      expect(res.statusCode).toBe(200);
      expect(res.json().removed).toEqual([]);
    }
    expect((await forYou(key)).products.some((p) => p.brand_id === brandId)).toBe(true);
  });

  it('refuses bad input with a 400 (or 404, 415) problem and changes nothing', async () => {
    const { key } = await categoryFan();
    const [brand] = await sql<{ id: string }[]>`select id from brands order by id limit 1`;
    for (const payload of [
      { kind: 'recency', value: 'today' },
      { kind: 'brand', value: "x' or 1=1" },
      { kind: 'brand', value: brand!.id, customerId: 'cus_x' },
      { kind: 'price_band', value: 'free' },
      { kind: 'brand' },
    ]) {
      const res = await remove(key, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation_failed', type: '/problems/validation_failed' });
    }
    const badRestore = await restore(key, 'frequency', 'regular');
    expect(badRestore.statusCode).toBe(400);
    expect(badRestore.json().code).toBe('validation_failed');

    const unknown = await remove(key, { kind: 'category', value: 'cat_nothere' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('interest_not_found');
    const form = await remove(key, `kind=brand&value=${brand!.id}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.statusCode).toBe(415);
    const text = await remove(key, JSON.stringify({ kind: 'brand', value: brand!.id }), {
      'content-type': 'text/plain',
    });
    expect(text.statusCode).toBe(415);
    expect(await removalCount(key)).toBe(0);
  });

  it('refuses cross-site writes, and a session cookie without its CSRF token', async () => {
    const { key, categoryId } = await categoryFan();
    const ref = { kind: 'category', value: categoryId };
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const res = await remove(key, ref, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('cross_site_request');
    }
    expect(await removalCount(key)).toBe(0);

    const { token, session } = await createSession(sql, { kind: 'shopper' });
    const withSession = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/store/interests/removed',
        headers: { ...JSON_TYPE, ...headers },
        cookies: { ...cookieOf(key), [SHOPPER_COOKIE]: token },
        payload: ref,
      });
    const forged = await withSession({});
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('csrf_token_invalid');
    expect((await withSession({ 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect(await removalCount(key)).toBe(0);
    const ok = await withSession({
      'x-csrf-token': session.csrfToken,
      host: 'shop.example',
      origin: 'https://shop.example',
      'sec-fetch-site': 'same-origin',
    });
    expect(ok.statusCode).toBe(200);
    expect(await removalCount(key)).toBe(1);

    const crossRestore = await restore(key, 'category', categoryId, { 'sec-fetch-site': 'cross-site' });
    expect(crossRestore.statusCode).toBe(403);
    expect(await removalCount(key)).toBe(1);
  });

  it('answers 409 shopper_key_required to a visitor without a key (after validating the input)', async () => {
    const [brand] = await sql<{ id: string }[]>`select id from brands order by id limit 1`;
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from shopper_interest_removals`;
    const res = await remove(null, { kind: 'brand', value: brand!.id });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('shopper_key_required');
    expect(res.cookies).toEqual([]);
    expect((await restore(null, 'brand', brand!.id)).json().code).toBe('shopper_key_required');
    expect((await remove(null, { kind: 'recency', value: 'today' })).statusCode).toBe(400);
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from shopper_interest_removals`;
    expect(after!.n).toBe(before!.n);
  });

  it('rate-limits writes per visitor', async () => {
    const key = newShopperKey();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await restore(key, 'price_band', 'under_50')).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('/openapi.json', () => {
  it('documents the three operations under Recommendations', async () => {
    const paths = (await app.inject({ url: '/openapi.json' })).json().paths;
    const read = paths['/store/interests']?.get;
    const removeOp = paths['/store/interests/removed']?.post;
    const restoreOp = paths['/store/interests/removed/{kind}/{value}']?.delete;
    for (const op of [read, removeOp, restoreOp]) {
      expect(op.tags).toEqual(['Recommendations']);
      expect(op.summary).toMatch(/interest/i);
      expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('tags');
      expect(op.responses['4XX']).toBeDefined();
    }
    expect(removeOp.requestBody.content['application/json'].schema.required).toEqual(['kind', 'value']);
    expect(restoreOp.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['kind', 'value']);
  });
});
