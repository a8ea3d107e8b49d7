/**
 * Catalog types shared by its use cases and callers: bilingual text, product detail and summary
 * shapes, and small pure helpers that turn rows into them.
 */
import type { Money } from '../../app/money.ts';

/** Text in both shop languages. */
export interface Localized {
  zh: string;
  en: string;
}

export type ProductStatus = 'draft' | 'published' | 'archived';

export interface CategoryRef {
  id: string;
  slug: string;
  name: Localized;
}

export interface BrandRef extends CategoryRef {}

export interface ProductImage {
  url: string;
  alt: Localized;
  width: number;
  height: number;
}

export interface ProductAttribute {
  code: string;
  name: Localized;
  value: Localized;
}

export interface ProductOption {
  code: string;
  name: Localized;
  values: { code: string; zh: string; en: string }[];
}

export interface VariantDetail {
  id: string;
  sku: string;
  optionValues: Record<string, string>;
  price: Money;
  compareAt: Money | null;
  /** Sum over warehouses of on_hand - reserved. */
  available: number;
  isActive: boolean;
}

export interface Rating {
  average: number | null;
  count: number;
}

export interface ProductDetail {
  id: string;
  slug: string;
  status: ProductStatus;
  title: Localized;
  description: Localized;
  brand: BrandRef | null;
  /** The product's category with its breadcrumb from the root down to it. */
  category: CategoryRef & { breadcrumb: CategoryRef[] };
  attributes: ProductAttribute[];
  options: ProductOption[];
  variants: VariantDetail[];
  media: ProductImage[];
  priceRange: { min: Money; max: Money };
  salesCount: number;
  rating: Rating;
  publishedAt: Date | null;
}

export interface ProductSummary {
  id: string;
  slug: string;
  title: Localized;
  brand: Localized | null;
  /** The lowest price of the product's active variants. */
  price: Money;
  compareAt: Money | null;
  image: ProductImage | null;
  inStock: boolean;
  salesCount: number;
  rating: Rating;
}

/** Builds a Localized from `x_zh` / `x_en` columns. */
export function localized(zh: string | null | undefined, en: string | null | undefined): Localized {
  return { zh: zh ?? '', en: en ?? '' };
}

/** A money value from minor units. */
export function money(amountMinor: number, currency = 'CNY'): Money {
  return { amountMinor: Number(amountMinor), currency };
}

/** A rating from the stored average (numeric, as text) and count. */
export function rating(average: string | number | null, count: number): Rating {
  return { average: average === null ? null : Number(average), count };
}

/** "黑色 / M" and "Black / M": the variant's option values in option order. */
export function variantLabel(options: ProductOption[], optionValues: Record<string, string>): Localized {
  const parts = options.flatMap((o) => {
    const value = o.values.find((v) => v.code === optionValues[o.code]);
    return value ? [value] : [];
  });
  return { zh: parts.map((p) => p.zh).join(' / '), en: parts.map((p) => p.en).join(' / ') };
}
