/** Test fixtures: a small bilingual catalogue as catalog's indexing view would hand it out. */
import type { IndexableProduct, LocalizedText } from './search-document.ts';

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

export const fixtureCategories = {
  electronics: { id: 'cat_fx_electronics', slug: 'fx-electronics', name: t('数码电子', 'Electronics') },
  audio: { id: 'cat_fx_audio', slug: 'fx-audio', name: t('耳机音响', 'Headphones & Audio') },
  phones: { id: 'cat_fx_phones', slug: 'fx-phones', name: t('手机', 'Mobile Phones') },
  clothing: { id: 'cat_fx_clothing', slug: 'fx-clothing', name: t('服装', 'Clothing') },
};
export const fixtureBrands = {
  sony: { id: 'brd_fx_sony', slug: 'fx-sony', name: t('索尼', 'Sony') },
  huawei: { id: 'brd_fx_huawei', slug: 'fx-huawei', name: t('华为', 'Huawei') },
  uniqlo: { id: 'brd_fx_uniqlo', slug: 'fx-uniqlo', name: t('优衣库', 'Uniqlo') },
};

/** A published, in-stock product; override any field. */
export function buildIndexableProduct(
  overrides: Partial<IndexableProduct> & { id: string },
): IndexableProduct {
  return {
    slug: overrides.id.replace(/_/g, '-'),
    status: 'published',
    title: t('商品', 'Product'),
    description: t('', ''),
    brand: null,
    categories: [fixtureCategories.electronics],
    attributeValues: [],
    optionValues: [],
    minPriceMinor: 10_000,
    inStock: true,
    salesCount: 0,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    publishedAt: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

const { electronics, audio, phones, clothing } = fixtureCategories;

/** Six products across three brands and two category trees (one draft). */
export const fixtureProducts: IndexableProduct[] = [
  buildIndexableProduct({
    id: 'prod_fx_headphones',
    title: t('无线蓝牙降噪耳机', 'Wireless Noise-Cancelling Headphones'),
    description: t('主动降噪，续航30小时', 'Active noise cancelling with 30 hours of battery'),
    brand: fixtureBrands.sony,
    categories: [electronics, audio],
    attributeValues: [t('黑色', 'Black')],
    minPriceMinor: 199_900,
    salesCount: 500,
    publishedAt: new Date('2026-03-01T00:00:00Z'),
  }),
  buildIndexableProduct({
    id: 'prod_fx_earbuds',
    title: t('运动入耳式耳机', 'Sport In-Ear Earbuds'),
    brand: fixtureBrands.huawei,
    categories: [electronics, audio],
    minPriceMinor: 29_900,
    inStock: false,
    salesCount: 120,
    publishedAt: new Date('2026-02-01T00:00:00Z'),
  }),
  buildIndexableProduct({
    id: 'prod_fx_phone',
    title: t('华为 Mate 60 Pro 智能手机', 'Huawei Mate 60 Pro Smartphone'),
    brand: fixtureBrands.huawei,
    categories: [electronics, phones],
    minPriceMinor: 699_900,
    salesCount: 900,
    publishedAt: new Date('2026-04-01T00:00:00Z'),
  }),
  buildIndexableProduct({
    id: 'prod_fx_tshirt',
    title: t('纯棉圆领T恤', 'Cotton Crew-Neck T-Shirt'),
    brand: fixtureBrands.uniqlo,
    categories: [clothing],
    attributeValues: [t('纯棉', 'Cotton')],
    minPriceMinor: 7_900,
    salesCount: 2_000,
    publishedAt: new Date('2026-01-15T00:00:00Z'),
  }),
  buildIndexableProduct({
    id: 'prod_fx_speaker',
    title: t('便携蓝牙音箱', 'Portable Bluetooth Speaker'),
    brand: fixtureBrands.sony,
    categories: [electronics, audio],
    minPriceMinor: 49_900,
    salesCount: 50,
    publishedAt: new Date('2026-05-01T00:00:00Z'),
  }),
  buildIndexableProduct({
    id: 'prod_fx_draft',
    status: 'draft',
    title: t('未发布的蓝牙耳机样品', 'Unreleased Bluetooth Headphones Sample'),
    brand: fixtureBrands.sony,
    categories: [electronics, audio],
    publishedAt: null,
  }),
];
