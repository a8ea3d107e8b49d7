import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import type { Sql } from '../../../app/database.ts';
import { DomainError } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import { deleteAccount, exportShopperData } from '../../privacy/index.ts';
import { customerShopperKey } from '../events/shopper-key.ts';
import { linkShopperKey, newShopperKey, setShopperConsent } from '../index.ts';
import { aggregateShopperInterests } from './aggregate-shopper-interests.ts';
import { getShopperProfile, type ShopperProfile } from './get-shopper-profile.ts';
import { removeInterest } from './remove-interest.ts';
import { removedInterestProductIds } from './removed-interest-product-ids.ts';
import { restoreInterest } from './restore-interest.ts';

const { sql } = await createTestDatabase();
// The aggregate counts every shopper of a database: it gets one of its own, emptied per test.
const { sql: agg } = await createTestDatabase();

async function emptyShoppers(db: Sql) {
  await db`delete from behaviour_events`;
  await db`delete from shopper_keys`;
}
const NOW = new Date();
const DAY = 86_400_000;

/** A small catalogue of its own: Outdoor > Tents > Ultralight, and Kitchen; two brands. */
async function buildCatalogue(db: Sql) {
  const cat = async (parentId: string | null, en: string, zh: string) => {
    const id = newId('cat');
    await db`insert into categories (id, parent_id, slug, name_zh, name_en) values (${id}, ${parentId}, ${id}, ${zh}, ${en})`;
    return id;
  };
  const outdoor = await cat(null, 'Outdoor', '户外');
  const tents = await cat(outdoor, 'Tents', '帐篷');
  const ultralight = await cat(tents, 'Ultralight tents', '超轻帐篷');
  const kitchen = await cat(null, 'Kitchen', '厨房');
  const brand = async (en: string, zh: string) => {
    const id = newId('brd');
    await db`insert into brands (id, slug, name_zh, name_en) values (${id}, ${id}, ${zh}, ${en})`;
    return id;
  };
  const summit = await brand('Summit', '峰顶');
  const hearth = await brand('Hearth', '炉边');
  const product = async (categoryId: string, brandId: string | null, priceMinor: number) => {
    const id = newId('prod');
    await db`insert into products (id, slug, status, title_zh, title_en, category_id, brand_id, min_price_minor, max_price_minor)
      values (${id}, ${id}, 'published', '测试', 'Test', ${categoryId}, ${brandId}, ${priceMinor}, ${priceMinor})`;
    return id;
  };
  return {
    categories: { outdoor, tents, ultralight, kitchen },
    brands: { summit, hearth },
    tent: await product(tents, summit, 30_000),
    tent2: await product(tents, summit, 45_000),
    ultralightTent: await product(ultralight, null, 120_000),
    pan: await product(kitchen, hearth, 8_000),
    spoon: await product(kitchen, null, 1_000),
  };
}

const shop = await buildCatalogue(sql);

async function shopper(personalisation = true) {
  const key = newShopperKey();
  await setShopperConsent(sql, key, { personalisation, analytics: false });
  return key;
}

async function addEvents(key: string, events: { kind: string; productId?: string; daysAgo?: number }[]) {
  for (const e of events) {
    const at = new Date(NOW.getTime() - (e.daysAgo ?? 0) * DAY);
    await sql`insert into behaviour_events (shopper_key, kind, product_id, query, for_personalisation, for_analytics, occurred_at)
      values (${key}, ${e.kind}, ${e.productId ?? null}, ${e.productId ? null : 'tent'}, true, false, ${at})`;
  }
}

async function customer() {
  const id = newId('cus');
  const email = `${id}@example.test`;
  await sql`insert into customers (id, email, name) values (${id}, ${email}, 'Profile Tester')`;
  return id;
}

/** A shopper whose profile holds the Tents category (three views and a purchase in the last week). */
async function tentFan() {
  const key = await shopper();
  await addEvents(key, [
    { kind: 'product_view', productId: shop.tent, daysAgo: 2 },
    { kind: 'product_view', productId: shop.tent, daysAgo: 1 },
    { kind: 'product_view', productId: shop.tent2, daysAgo: 1 },
    { kind: 'purchase', productId: shop.tent },
  ]);
  return key;
}

describe('getShopperProfile', () => {
  it('derives categories, brands, price band, recency and frequency with evidence', async () => {
    const key = await tentFan();
    await addEvents(key, [
      { kind: 'product_view', productId: shop.pan, daysAgo: 10 },
      { kind: 'search', daysAgo: 10 },
    ]);
    const profile = await getShopperProfile(sql, key, NOW);
    expect(profile.personalisation).toBe(true);
    const byKind = (kind: string) => profile.tags.filter((t) => t.kind === kind);
    const categories = byKind('category');
    expect(categories.map((t) => t.value)).toEqual([shop.categories.tents, shop.categories.kitchen]);
    expect(categories[0]!.label).toEqual({ zh: '帐篷', en: 'Tents' });
    expect(categories[0]!.evidence).toMatchObject({ views: 3, purchases: 1, carts: 0 });
    expect(categories[0]!.removable).toBe(true);
    expect(categories[0]!.removed).toBe(false);
    expect(categories[0]!.score).toBeGreaterThan(categories[1]!.score);
    expect(byKind('brand').map((t) => t.value)).toEqual([shop.brands.summit, shop.brands.hearth]);
    // Tents cost 300 and 450 yuan: nearly all the weight is in that band; the pan's is below 25 %.
    expect(byKind('price_band').map((t) => t.value)).toEqual(['200_500']);
    expect(byKind('price_band')[0]!.label.en).toBe('¥200–500');
    const [recency] = byKind('recency');
    expect(recency).toMatchObject({
      value: 'today',
      removable: false,
      evidence: { daysSinceLastActivity: 0 },
    });
    // Active on days 0, 1, 2 and 10: four days, six events (the search counts as activity).
    expect(byKind('frequency')[0]).toMatchObject({
      value: 'regular',
      evidence: { activeDays: 4, events: 6 },
    });
  });

  it('is empty with personalisation off, and without consented events', async () => {
    const off = await shopper(false);
    await addEvents(off, [{ kind: 'product_view', productId: shop.tent }]);
    expect(await getShopperProfile(sql, off, NOW)).toEqual({ personalisation: false, tags: [], removed: [] });
    const quiet = await shopper();
    expect(await getShopperProfile(sql, quiet, NOW)).toEqual({
      personalisation: true,
      tags: [],
      removed: [],
    });
    expect((await getShopperProfile(sql, newShopperKey(), NOW)).tags).toEqual([]);
  });

  it('marks a removed tag and lists the removal separately', async () => {
    const key = await tentFan();
    await removeInterest(sql, key, { kind: 'category', value: shop.categories.tents });
    const profile = await getShopperProfile(sql, key, NOW);
    const tents = profile.tags.find((t) => t.value === shop.categories.tents);
    expect(tents?.removed).toBe(true);
    expect(profile.removed).toEqual([
      expect.objectContaining({
        kind: 'category',
        value: shop.categories.tents,
        label: { zh: '帐篷', en: 'Tents' },
      }),
    ]);
  });
});

describe('removeInterest and restoreInterest', () => {
  it('are idempotent', async () => {
    const key = await tentFan();
    const brand = { kind: 'brand', value: shop.brands.summit };
    expect(await removeInterest(sql, key, brand)).toEqual({ changed: true });
    expect(await removeInterest(sql, key, brand)).toEqual({ changed: false });
    expect((await getShopperProfile(sql, key, NOW)).removed).toHaveLength(1);
    expect(await restoreInterest(sql, key, brand)).toEqual({ changed: true });
    expect(await restoreInterest(sql, key, brand)).toEqual({ changed: false });
    expect((await getShopperProfile(sql, key, NOW)).removed).toEqual([]);
  });

  it('refuses bad input without changing anything', async () => {
    const key = await tentFan();
    const bad = [
      { kind: 'recency', value: 'today' },
      { kind: 'category', value: "x' or 1=1" },
      { kind: 'price_band', value: 'free' },
      { kind: 'brand', value: shop.brands.summit, extra: 1 },
    ];
    for (const input of bad) {
      const error = await removeInterest(sql, key, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
    }
    const unknown = await removeInterest(sql, key, { kind: 'category', value: 'cat_nothere' }).catch(
      (e) => e,
    );
    expect((unknown as DomainError).status).toBe(404);
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from shopper_interest_removals where shopper_key = ${key}`;
    expect(count!.n).toBe(0);
  });
});

describe('removedInterestProductIds', () => {
  it('is empty when nothing is removed', async () => {
    expect((await removedInterestProductIds(sql, await tentFan())).size).toBe(0);
  });

  it('covers the removed category and every category below it', async () => {
    const key = await tentFan();
    await removeInterest(sql, key, { kind: 'category', value: shop.categories.outdoor });
    const ids = await removedInterestProductIds(sql, key);
    expect([...ids].sort()).toEqual([shop.tent, shop.tent2, shop.ultralightTent].sort());
  });

  it('covers a removed brand and a removed price band', async () => {
    const key = await tentFan();
    await removeInterest(sql, key, { kind: 'brand', value: shop.brands.hearth });
    await removeInterest(sql, key, { kind: 'price_band', value: 'under_50' });
    const ids = await removedInterestProductIds(sql, key);
    expect(ids.has(shop.pan)).toBe(true);
    expect(ids.has(shop.spoon)).toBe(true);
    expect(ids.has(shop.tent)).toBe(false);
    // Another shopper is not affected.
    expect((await removedInterestProductIds(sql, await tentFan())).size).toBe(0);
  });
});

describe('removals and the account', () => {
  it('follow an anonymous visitor into the account at sign-in', async () => {
    const customerId = await customer();
    const own = await customerShopperKey(sql, customerId);
    const visitor = await tentFan();
    await removeInterest(sql, visitor, { kind: 'brand', value: shop.brands.summit });
    expect(await linkShopperKey(sql, visitor, customerId)).toBe(own);
    const ids = await removedInterestProductIds(sql, own);
    expect(ids.has(shop.tent)).toBe(true);
    expect((await getShopperProfile(sql, own, NOW)).removed.map((r) => r.value)).toEqual([
      shop.brands.summit,
    ]);
  });

  it('are in the export with the derived profile, and erased with the account', async () => {
    const customerId = await customer();
    const visitor = await tentFan();
    const key = await linkShopperKey(sql, visitor, customerId);
    await removeInterest(sql, key, { kind: 'price_band', value: '3000_up' });
    const interests = (await exportShopperData(sql, customerId)).interests as ShopperProfile;
    expect(interests.tags.some((t) => t.value === shop.categories.tents)).toBe(true);
    expect(interests.removed).toEqual([expect.objectContaining({ kind: 'price_band', value: '3000_up' })]);
    await deleteAccount(sql, customerId);
    const [left] = await sql<{ n: number }[]>`
      select count(*)::int as n from shopper_interest_removals where shopper_key = ${key}`;
    expect(left!.n).toBe(0);
  });
});

describe('aggregateShopperInterests', () => {
  it('counts shoppers per tag and hides groups of fewer than five', async () => {
    const db = agg;
    await emptyShoppers(db);
    const own = await buildCatalogue(db);
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) {
      const key = newShopperKey();
      await setShopperConsent(db, key, { personalisation: true, analytics: false });
      // Six shoppers like tents (Summit); only four also look at the pan (Hearth, kitchen).
      const rows = [{ productId: own.tent, days: 0 }, ...(i < 4 ? [{ productId: own.pan, days: 40 }] : [])];
      for (const r of rows)
        await db`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
          values (${key}, 'add_to_cart', ${r.productId}, true, false, ${new Date(NOW.getTime() - r.days * DAY)})`;
      keys.push(key);
    }
    for (const key of keys.slice(0, 5))
      await removeInterest(db, key, { kind: 'price_band', value: 'under_50' });
    await removeInterest(db, keys[5]!, { kind: 'brand', value: own.brands.hearth });
    const result = await aggregateShopperInterests(db, NOW);
    expect(result.profiledShoppers).toBe(6);
    expect(result.categories).toEqual([
      expect.objectContaining({
        value: own.categories.tents,
        shoppers: 6,
        label: { zh: '帐篷', en: 'Tents' },
      }),
    ]);
    expect(result.hidden.categories).toBe(1);
    expect(result.brands.map((b) => b.value)).toEqual([own.brands.summit]);
    expect(result.hidden.brands).toBe(1);
    expect(result.priceBands).toEqual([expect.objectContaining({ value: '200_500', shoppers: 6 })]);
    expect(result.recency).toEqual([expect.objectContaining({ value: 'today', shoppers: 6 })]);
    expect(result.frequency).toEqual([expect.objectContaining({ value: 'occasional', shoppers: 6 })]);
    expect(result.removals).toEqual([
      expect.objectContaining({ kind: 'price_band', value: 'under_50', shoppers: 5 }),
    ]);
    expect(result.hidden.removals).toBe(1);
  });

  it('counts a tag only for shoppers whose profile shows it (removed tags are not counted)', async () => {
    const db = agg;
    await emptyShoppers(db);
    const own = await buildCatalogue(db);
    for (let i = 0; i < 5; i++) {
      const key = newShopperKey();
      await setShopperConsent(db, key, { personalisation: true, analytics: false });
      await db`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
        values (${key}, 'product_view', ${own.tent}, true, false, ${NOW})`;
      if (i === 0) await removeInterest(db, key, { kind: 'category', value: own.categories.tents });
      const profile = await getShopperProfile(db, key, NOW);
      expect(profile.tags.some((t) => t.value === own.categories.tents && !t.removed)).toBe(i !== 0);
    }
    const result = await aggregateShopperInterests(db, NOW);
    expect(result.profiledShoppers).toBe(5);
    expect(result.categories).toEqual([]);
    expect(result.hidden.categories).toBe(1);
    expect(result.brands).toEqual([expect.objectContaining({ value: own.brands.summit, shoppers: 5 })]);
  });
});
