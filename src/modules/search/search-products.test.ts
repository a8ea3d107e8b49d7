import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';
import { rebuildTermCube } from './facet-cube.ts';
import { indexDocuments, recountTerms } from './index-documents.ts';
import { fixtureBrands, fixtureCategories, fixtureProducts } from './search-fixtures.ts';
import { type SearchQuery, searchProducts } from './search-products.ts';

let sql: Sql;
beforeAll(async () => {
  ({ sql } = await createTestDatabase());
  // only the fixtures: the template's demo shop is indexed by its seed
  await sql`truncate search_documents, search_vectors, search_terms, search_suggestions, search_labels, search_facet_cube`;
  await indexDocuments(sql, fixtureProducts);
  await recountTerms(sql);
});

const search = (query: Partial<SearchQuery>) =>
  searchProducts(sql, { sort: 'relevance', page: 1, pageSize: 24, ...query });

describe('searchProducts: matching', () => {
  it.each([
    ['蓝牙耳机', 'simplified'],
    ['藍牙耳機', 'traditional'],
    ['蓝芽耳机', 'a homophone (pinyin)'],
    ['lanya erji', 'typed pinyin'],
    ['noise cancelling headphones', 'English'],
    ['headphone', 'English singular'],
  ])('finds the headphones for %s (%s)', async (q) => {
    const result = await search({ q });
    expect(result.productIds[0]).toBe('prod_fx_headphones');
  });

  it('corrects a Latin typo and says which query it used', async () => {
    const result = await search({ q: 'headphnes' });
    expect(result.productIds).toContain('prod_fx_headphones');
    expect(result.corrected).toBe('headphones');
  });

  it.each([
    ['华为', 'prod_fx_phone'],
    ['huawei', 'prod_fx_phone'],
    ['索尼', 'prod_fx_headphones'],
    ['sony speaker', 'prod_fx_speaker'],
  ])('finds products by brand name %s', async (q, id) => {
    const result = await search({ q });
    expect(result.productIds).toContain(id);
  });

  it('finds products by category name in either language', async () => {
    const zh = await search({ q: '手机' });
    const en = await search({ q: 'clothing' });
    expect(zh.productIds).toEqual(['prod_fx_phone']);
    expect(en.productIds).toEqual(['prod_fx_tshirt']);
  });

  it('never returns an unpublished product', async () => {
    const result = await search({ q: 'unreleased sample' });
    const listing = await search({ pageSize: 48 });
    expect(result.total).toBe(0);
    expect(listing.productIds).not.toContain('prod_fx_draft');
    expect(listing.total).toBe(5);
  });

  it('returns nothing for a word no product has', async () => {
    const result = await search({ q: 'zzqqxx' });
    expect(result).toMatchObject({ total: 0, productIds: [] });
  });
});

describe('searchProducts: filters, sorts, facets, pages', () => {
  it('filters by category including its subcategories, by id or slug', async () => {
    const byId = await search({ categoryId: fixtureCategories.electronics.id, sort: 'price_asc' });
    const bySlug = await search({ categorySlug: fixtureCategories.audio.slug, sort: 'price_asc' });
    expect(byId.productIds).toEqual([
      'prod_fx_earbuds',
      'prod_fx_speaker',
      'prod_fx_headphones',
      'prod_fx_phone',
    ]);
    expect(bySlug.productIds).toEqual(['prod_fx_earbuds', 'prod_fx_speaker', 'prod_fx_headphones']);
  });

  it('filters by brand, price range and stock', async () => {
    const sony = await search({ brandIds: [fixtureBrands.sony.id] });
    const mid = await search({ priceMinMinor: 20_000, priceMaxMinor: 200_000, sort: 'price_asc' });
    const inStock = await search({ categoryId: fixtureCategories.audio.id, inStock: true });
    expect(sony.productIds.sort()).toEqual(['prod_fx_headphones', 'prod_fx_speaker']);
    expect(mid.productIds).toEqual(['prod_fx_earbuds', 'prod_fx_speaker', 'prod_fx_headphones']);
    expect(inStock.productIds).not.toContain('prod_fx_earbuds');
    expect(inStock.total).toBe(2);
  });

  it('sorts by price, newest and best selling', async () => {
    expect((await search({ sort: 'price_desc' })).productIds[0]).toBe('prod_fx_phone');
    expect((await search({ sort: 'newest' })).productIds[0]).toBe('prod_fx_speaker');
    expect((await search({ sort: 'best_selling' })).productIds).toEqual([
      'prod_fx_tshirt',
      'prod_fx_phone',
      'prod_fx_headphones',
      'prod_fx_earbuds',
      'prod_fx_speaker',
    ]);
  });

  it('counts facets; the brand facet ignores the brand filter', async () => {
    // 耳机 matches the headphones and earbuds by title, the speaker by its category 耳机音响
    const result = await search({ q: '耳机', brandIds: [fixtureBrands.sony.id] });
    expect(result.productIds).toEqual(['prod_fx_headphones', 'prod_fx_speaker']);
    expect(result.facets.brands.map((b) => [b.id, b.count])).toEqual([
      [fixtureBrands.sony.id, 2],
      [fixtureBrands.huawei.id, 1],
    ]);
    expect(result.facets.brands[0]?.name).toEqual({ zh: '索尼', en: 'Sony' });
    expect(result.facets.categories.map((c) => [c.id, c.count]).sort()).toEqual([
      [fixtureCategories.audio.id, 2],
      [fixtureCategories.electronics.id, 2],
    ]);
    expect(result.facets.inStock).toBe(2);
    expect(result.facets.priceRanges.find((r) => r.minMinor === 100_000)?.count).toBe(1);
  });

  it('counts price ranges over every match', async () => {
    const result = await search({});
    const counts = result.facets.priceRanges.map((r) => r.count);
    expect(counts).toEqual([0, 1, 1, 1, 1, 1]);
    expect(result.facets.inStock).toBe(4);
  });

  it('counts listing facets from the cube exactly as a live count does', async () => {
    // a price filter that keeps everything forces the live count
    for (const categoryId of [undefined, fixtureCategories.audio.id]) {
      const cube = await search({ categoryId });
      const live = await search({ categoryId, priceMinMinor: 0 });
      expect(cube.facets).toEqual(live.facets);
      expect(cube.total).toBe(live.total);
    }
  });

  it('keeps the cube right when a product is reindexed or hidden', async () => {
    const tshirt = fixtureProducts.find((p) => p.id === 'prod_fx_tshirt')!;
    await indexDocuments(sql, [{ ...tshirt, minPriceMinor: 350_000, inStock: false }]);
    const changed = await search({});
    expect(changed.facets.priceRanges.map((r) => r.count)).toEqual([0, 0, 1, 1, 1, 2]);
    expect(changed.facets.inStock).toBe(3);
    await indexDocuments(sql, [{ ...tshirt, status: 'archived' }]);
    const hidden = await search({});
    expect(hidden.total).toBe(4);
    expect(hidden.facets.categories.find((c) => c.id === fixtureCategories.clothing.id)).toBeUndefined();
    await indexDocuments(sql, [tshirt]);
    expect((await search({})).facets.priceRanges.map((r) => r.count)).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('counts the facets of a frequent word from its term cube exactly as a live count does', async () => {
    // given 耳机 marked frequent (real shops: in 2,000+ products) and its cube built
    await sql`update search_terms set is_frequent = (term = '耳机')`;
    await rebuildTermCube(sql);
    const compare = async () => {
      for (const brandIds of [undefined, [fixtureBrands.sony.id]]) {
        const cube = await search({ q: '耳机', brandIds });
        const live = await search({ q: '耳机', brandIds, priceMinMinor: 0 });
        expect(cube.facets).toEqual(live.facets);
        expect(cube.total).toBe(live.total);
      }
    };
    await compare();
    // and it stays exact when a matching product changes
    const earbuds = fixtureProducts.find((p) => p.id === 'prod_fx_earbuds')!;
    await indexDocuments(sql, [{ ...earbuds, inStock: true, minPriceMinor: 500_000 }]);
    const [row] = await sql<
      { n: number }[]
    >`select sum(n)::int as n from search_term_cube where term = '耳机'`;
    expect(row!.n).toBe(3);
    await compare();
    await indexDocuments(sql, [earbuds]);
    await sql`update search_terms set is_frequent = false`;
  });

  it('pages through results', async () => {
    const first = await search({ sort: 'best_selling', pageSize: 2, page: 1 });
    const third = await search({ sort: 'best_selling', pageSize: 2, page: 3 });
    expect(first.productIds).toEqual(['prod_fx_tshirt', 'prod_fx_phone']);
    expect(third.productIds).toEqual(['prod_fx_speaker']);
    expect(third.total).toBe(5);
  });

  it('returns no results for an unknown category', async () => {
    const result = await search({ categorySlug: 'no-such-category' });
    expect(result.total).toBe(0);
  });
});
