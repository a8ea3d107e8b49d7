/**
 * Turns one product, as catalog hands it out for indexing, into the rows search keeps: the
 * weighted tsvector (A title, B brand and category, C description and attributes, D pinyin),
 * the filter and sort columns, type-ahead rows and facet labels. Pure, no I/O.
 */
import { indexTokens, isHan, lexeme, normalizeText, pinyinTokens, suffixKeys } from './search-text.ts';

export interface LocalizedText {
  zh: string;
  en: string;
}

/** What search needs to know about a product (the shape of catalog's `getProductsForIndexing`). */
export interface IndexableProduct {
  id: string;
  slug: string;
  status: string;
  title: LocalizedText;
  description: LocalizedText;
  brand: { id: string; slug: string; name: LocalizedText } | null;
  /** The category path from the root to the product's own category. */
  categories: { id: string; slug: string; name: LocalizedText }[];
  attributeValues: LocalizedText[];
  optionValues: LocalizedText[];
  minPriceMinor: number;
  inStock: boolean;
  salesCount: number;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface SuggestionRow {
  id: string;
  kind: 'product' | 'brand' | 'category';
  targetId: string;
  label: string;
  keys: string;
  weight: number;
}

export interface LabelRow {
  id: string;
  kind: 'brand' | 'category';
  slug: string;
  parentId: string | null;
  nameZh: string;
  nameEn: string;
}

export interface SearchDocument {
  productId: string;
  isPublished: boolean;
  tsv: string;
  categoryIds: string[];
  brandId: string | null;
  priceMinor: number;
  inStock: boolean;
  salesCount: number;
  publishedAt: Date | null;
  /** Distinct lexemes, for the vocabulary. */
  terms: string[];
  suggestions: SuggestionRow[];
  labels: LabelRow[];
}

type Weight = 'A' | 'B' | 'C' | 'D';
/** PostgreSQL keeps at most 256 positions per lexeme and positions up to 16383. */
const MAX_POSITIONS = 255;
const MAX_POSITION = 16_383;
const MAX_DESCRIPTION_CHARS = 2_000;

/** Builds a tsvector literal from weighted token groups, keeping word order for phrase queries. */
export function weightedTsvector(groups: [Weight, string[]][]): { literal: string; terms: string[] } {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [weight, tokens] of groups) {
    position += 2; // a gap, so a phrase never spans two fields
    for (const token of tokens) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  }
  const literal = [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
  return { literal, terms: [...positions.keys()] };
}

function both(text: LocalizedText): string {
  return `${text.zh} ${text.en}`;
}

/** The search document of one product; unpublished products get an empty, unsearchable one. */
export function buildSearchDocument(product: IndexableProduct): SearchDocument {
  const isPublished = product.status === 'published';
  const brandText = product.brand ? both(product.brand.name) : '';
  const categoryText = product.categories.map((c) => both(c.name)).join(' ');
  const detailText = [
    product.description.zh.slice(0, MAX_DESCRIPTION_CHARS),
    product.description.en.slice(0, MAX_DESCRIPTION_CHARS),
    ...product.attributeValues.map(both),
    ...product.optionValues.map(both),
  ].join(' ');
  const { literal, terms } = weightedTsvector([
    ['A', indexTokens(both(product.title))],
    ['B', indexTokens(`${brandText} ${categoryText}`)],
    ['C', indexTokens(detailText)],
    ['D', pinyinTokens(`${product.title.zh} ${brandText} ${categoryText}`)],
  ]);
  return {
    productId: product.id,
    isPublished,
    tsv: isPublished ? literal : '',
    categoryIds: product.categories.map((c) => c.id),
    brandId: product.brand?.id ?? null,
    priceMinor: product.minPriceMinor,
    inStock: product.inStock,
    salesCount: product.salesCount,
    publishedAt: product.publishedAt,
    terms: isPublished ? terms : [],
    suggestions: isPublished ? suggestionRows(product) : [],
    labels: labelRows(product),
  };
}

/** Brand and category names repeat on every product: their keys are computed once. */
const keysCache = new Map<string, string>();
const KEYS_CACHE_SIZE = 5_000;

function keysOf(label: string, cache = false): string {
  const cached = keysCache.get(label);
  if (cached !== undefined) return cached;
  const keys = suffixKeys(label)
    .map((k) => lexeme(k))
    .join(' ');
  if (cache && keysCache.size < KEYS_CACHE_SIZE) keysCache.set(label, keys);
  return keys;
}

function suggestionRows(product: IndexableProduct): SuggestionRow[] {
  const weight = product.salesCount;
  const rows: SuggestionRow[] = [];
  for (const lang of ['zh', 'en'] as const) {
    const label = product.title[lang].trim();
    if (label)
      rows.push({
        id: `p:${product.id}:${lang}`,
        kind: 'product',
        targetId: product.id,
        label,
        keys: keysOf(label),
        weight,
      });
  }
  const named: { kind: 'brand' | 'category'; id: string; name: LocalizedText }[] = [
    ...(product.brand ? [{ kind: 'brand' as const, ...product.brand }] : []),
    ...product.categories.map((c) => ({ kind: 'category' as const, ...c })),
  ];
  for (const item of named) {
    for (const lang of ['zh', 'en'] as const) {
      const label = item.name[lang].trim();
      // brands and categories outrank single products: they lead to many
      if (label)
        rows.push({
          id: `${item.kind[0]}:${item.id}:${lang}`,
          kind: item.kind,
          targetId: item.id,
          label,
          keys: keysOf(label, true),
          weight: 1_000_000,
        });
    }
  }
  return rows;
}

function labelRows(product: IndexableProduct): LabelRow[] {
  const rows: LabelRow[] = product.categories.map((c, i) => ({
    id: c.id,
    kind: 'category',
    slug: c.slug,
    parentId: i > 0 ? product.categories[i - 1]!.id : null,
    nameZh: c.name.zh,
    nameEn: c.name.en,
  }));
  if (product.brand) {
    const b = product.brand;
    rows.push({
      id: b.id,
      kind: 'brand',
      slug: b.slug,
      parentId: null,
      nameZh: b.name.zh,
      nameEn: b.name.en,
    });
  }
  return rows;
}

/** True when a lexeme is Latin letters/digits (typo-correctable), not Han. */
export function isLatinTerm(term: string): boolean {
  return !isHan(term) && /\p{L}/u.test(term) && normalizeText(term) === term;
}
