import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { buildStockedVariant, buildWarehouse } from '../inventory/testing.ts';
import {
  getCategoryBySlug,
  getProductDetail,
  getProductSummaries,
  getProductsForIndexing,
  getVariantsForPricing,
  listBrands,
  listCategoryTree,
  listHotProducts,
  listNewProducts,
  listProductsForAdmin,
  listRelatedProducts,
} from './index.ts';

const { sql } = await createTestDatabase();

async function headphonesProduct() {
  const [row] = await sql<{ id: string; slug: string }[]>`
    select id, slug from products where status = 'published' and title_zh like '%无线蓝牙降噪耳机%'
     order by sales_count desc limit 1`;
  return row!;
}

describe('getProductDetail', () => {
  it('reads a published product by slug or id with breadcrumb, options, variants and media', async () => {
    const { id, slug } = await headphonesProduct();
    const bySlug = await getProductDetail(sql, slug);
    const byId = await getProductDetail(sql, id);
    expect(byId).toEqual(bySlug);
    const p = bySlug!;
    expect(p.title.zh).toContain('无线蓝牙降噪耳机');
    expect(p.category.breadcrumb.map((c) => c.slug)).toEqual(['phones-digital', 'headphones']);
    expect(p.category.slug).toBe('headphones');
    expect(p.brand?.name.en).toBeTruthy();
    expect(p.options[0]!.code).toBe('color');
    expect(p.variants.length).toBeGreaterThan(1);
    for (const v of p.variants) expect(Object.keys(v.optionValues)).toEqual(['color']);
    expect(p.media.length).toBeGreaterThanOrEqual(2);
    expect(p.media[0]!.url).toMatch(/^\/media\/med_/);
    const prices = p.variants.map((v) => v.price.amountMinor);
    expect(p.priceRange.min.amountMinor).toBe(Math.min(...prices));
    expect(p.variants.some((v) => v.available > 0)).toBe(true);
  });

  it('sums availability over warehouses as on hand minus reserved', async () => {
    const { id } = await headphonesProduct();
    const detail = await getProductDetail(sql, id);
    const variant = detail!.variants[0]!;
    const [sum] = await sql<{ n: number }[]>`
      select sum(on_hand - reserved)::int as n from stock_levels where variant_id = ${variant.id}`;
    expect(variant.available).toBe(sum!.n);
  });

  it('hides drafts from the shop but shows them to the admin', async () => {
    const [draft] = await sql<{ id: string }[]>`select id from products where status = 'draft' limit 1`;
    expect(await getProductDetail(sql, draft!.id)).toBeNull();
    expect((await getProductDetail(sql, draft!.id, { includeUnpublished: true }))?.status).toBe('draft');
    expect(await getProductDetail(sql, 'no-such-product')).toBeNull();
  });
});

describe('getProductSummaries and shelves', () => {
  it('returns cards in the order of the ids, leaving out unknown and unpublished ones', async () => {
    const hot = await listHotProducts(sql, 5);
    const [draft] = await sql<{ id: string }[]>`select id from products where status = 'draft' limit 1`;
    const ids = [hot[2]!.id, 'prod_unknown', hot[0]!.id, draft!.id];
    const cards = await getProductSummaries(sql, ids);
    expect(cards.map((c) => c.id)).toEqual([hot[2]!.id, hot[0]!.id]);
    expect(cards[0]!.image?.url).toMatch(/^\/media\//);
    expect(cards[0]!.price.currency).toBe('CNY');
  });

  it('marks a product out of stock when no active variant has stock available', async () => {
    const [out] = await sql<{ id: string }[]>`
      select p.id from products p where p.status = 'published' and not exists (
        select 1 from variants v join stock_levels s on s.variant_id = v.id
         where v.product_id = p.id and s.on_hand > s.reserved) limit 1`;
    const [card] = await getProductSummaries(sql, [out!.id]);
    expect(card!.inStock).toBe(false);
  });

  it('orders hot by sales and new by publication, which differ', async () => {
    const hot = await listHotProducts(sql, 10);
    const sales = hot.map((p) => p.salesCount);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
    const fresh = await listNewProducts(sql, 10);
    expect(fresh.map((p) => p.id)).not.toEqual(hot.map((p) => p.id));
  });

  it('lists related products from the same category first', async () => {
    const { id } = await headphonesProduct();
    const related = await listRelatedProducts(sql, id, 4);
    expect(related).toHaveLength(4);
    expect(related.map((r) => r.id)).not.toContain(id);
    const [cats] = await sql<{ n: number }[]>`
      select count(*)::int as n from products where id = any(${related.map((r) => r.id)})
         and category_id = (select category_id from products where id = ${id})`;
    expect(cats!.n).toBe(4);
  });
});

describe('stock in product reads (through the stock port inventory provides)', () => {
  it('counts only active warehouses, alike on the page, the card, the index and the admin list', async () => {
    const { productId, variantId } = await buildStockedVariant(sql, { stock: [3] });
    const closed = await buildWarehouse(sql, { isActive: false });
    await sql`insert into stock_levels (variant_id, warehouse_id, on_hand) values (${variantId}, ${closed}, 40)`;
    await sql`update stock_levels set reserved = 1 where variant_id = ${variantId} and warehouse_id <> ${closed}`;
    const stockOfReads = async () => {
      const [detail, [card], [indexed]] = await Promise.all([
        getProductDetail(sql, productId),
        getProductSummaries(sql, [productId]),
        getProductsForIndexing(sql, [productId]),
      ]);
      const admin = await listProductsForAdmin(sql, { q: detail!.slug });
      return {
        available: detail!.variants[0]!.available,
        inStock: card!.inStock,
        indexedInStock: indexed!.inStock,
        adminAvailable: admin.items[0]!.available,
      };
    };
    expect(await stockOfReads()).toEqual({
      available: 2,
      inStock: true,
      indexedInStock: true,
      adminAvailable: 2,
    });
    await sql`update stock_levels set reserved = on_hand where variant_id = ${variantId} and warehouse_id <> ${closed}`;
    expect(await stockOfReads()).toEqual({
      available: 0,
      inStock: false,
      indexedInStock: false,
      adminAvailable: 0,
    });
  });
});

describe('categories and brands', () => {
  it('nests the tree and counts a parent as the sum of its subtree', async () => {
    const tree = await listCategoryTree(sql);
    expect(tree.length).toBeGreaterThanOrEqual(12);
    const phones = tree.find((c) => c.slug === 'phones-digital')!;
    expect(phones.children.map((c) => c.slug)).toContain('headphones');
    expect(phones.productCount).toBe(phones.children.reduce((s, c) => s + c.productCount, 0));
    expect(phones.productCount).toBeGreaterThan(0);
  });

  it('finds a category by slug with breadcrumb and subtree', async () => {
    const top = await getCategoryBySlug(sql, 'phones-digital');
    expect(top!.children.length).toBeGreaterThan(1);
    expect(top!.subtreeIds).toHaveLength(top!.children.length + 1);
    const leaf = await getCategoryBySlug(sql, 'headphones');
    expect(leaf!.breadcrumb.map((c) => c.name.zh)).toEqual(['手机数码', '耳机']);
    expect(await getCategoryBySlug(sql, 'nope')).toBeNull();
  });

  it('lists brands with bilingual names', async () => {
    const brands = await listBrands(sql);
    expect(brands.length).toBeGreaterThanOrEqual(24);
    expect(brands.find((b) => b.slug === 'sonicjoy')?.name).toEqual({ zh: '声悦', en: 'SonicJoy' });
  });
});

describe('getProductsForIndexing', () => {
  it('gives search the whole category path, brand, attribute and option values', async () => {
    const { id } = await headphonesProduct();
    const [doc] = await getProductsForIndexing(sql, [id]);
    expect(doc!.categories.map((c) => c.slug)).toEqual(['phones-digital', 'headphones']);
    expect(doc!.brand?.name.zh).toBeTruthy();
    expect(doc!.attributeValues.length).toBeGreaterThan(0);
    expect(doc!.optionValues.map((v) => v.en)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(doc!.inStock).toBe(true);
    const all = await getProductsForIndexing(sql);
    expect(all.length).toBeGreaterThanOrEqual(320);
  });
});

describe('getVariantsForPricing', () => {
  it('prices variants on the server with a bilingual label and purchasability', async () => {
    const [v] = await sql<{ id: string; price_minor: number }[]>`
      select v.id, v.price_minor from variants v join products p on p.id = v.product_id
       where p.category_id = (select id from categories where slug = 'dresses') and p.status = 'published' limit 1`;
    const [facts] = await getVariantsForPricing(sql, [v!.id, 'var_unknown']);
    expect(facts!.price).toEqual({ amountMinor: v!.price_minor, currency: 'CNY' });
    expect(facts!.variantLabel.zh).toMatch(/^.+色 \/ (S|M|L|XL)$/);
    expect(facts!.isPurchasable).toBe(true);
    expect(facts!.image).toMatch(/^\/media\//);
    const [archived] = await sql<{ id: string }[]>`
      select v.id from variants v join products p on p.id = v.product_id where p.status = 'archived' limit 1`;
    expect((await getVariantsForPricing(sql, [archived!.id]))[0]!.isPurchasable).toBe(false);
  });
});
