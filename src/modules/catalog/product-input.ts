/**
 * The merchant's product input and the business rules it must meet before it is written:
 * every variant names one existing value per option, compare-at prices exceed prices.
 */
import { badRequest, type FieldIssue } from '../../app/errors.ts';
import type { Localized, ProductAttribute, ProductOption } from './catalog.ts';

export interface VariantInput {
  /** Present to edit an existing variant; absent to add one. */
  id?: string;
  sku: string;
  optionValues: Record<string, string>;
  priceMinor: number;
  compareAtMinor?: number | null;
  weightGrams?: number;
  isActive?: boolean;
}

export interface ProductInput {
  slug?: string;
  title: Localized;
  description?: Localized;
  brandId?: string | null;
  categoryId: string;
  attributes?: ProductAttribute[];
  options?: ProductOption[];
  variants: VariantInput[];
}

/** Throws 400 `invalid_product` naming each field that breaks a rule. */
export function checkVariants(options: ProductOption[], variants: VariantInput[]): void {
  const issues: FieldIssue[] = [];
  const codes = new Set<string>();
  options.forEach((o, i) => {
    if (codes.has(o.code))
      issues.push({ field: `options[${i}].code`, code: 'not_unique', message: 'is repeated' });
    codes.add(o.code);
    const values = new Set(o.values.map((v) => v.code));
    if (values.size !== o.values.length)
      issues.push({ field: `options[${i}].values`, code: 'not_unique', message: 'repeat a code' });
  });
  const combos = new Set<string>();
  variants.forEach((v, i) => {
    const field = `variants[${i}]`;
    for (const o of options) {
      if (!o.values.some((value) => value.code === v.optionValues[o.code]))
        issues.push({
          field: `${field}.optionValues.${o.code}`,
          code: 'invalid_value',
          message: 'must be one of the option values',
        });
    }
    for (const key of Object.keys(v.optionValues))
      if (!codes.has(key))
        issues.push({
          field: `${field}.optionValues.${key}`,
          code: 'not_an_option',
          message: 'is not an option',
        });
    const combo = options.map((o) => v.optionValues[o.code]).join('|');
    if (combos.has(combo))
      issues.push({ field: `${field}.optionValues`, code: 'not_unique', message: 'repeats another variant' });
    combos.add(combo);
    if (v.compareAtMinor != null && v.compareAtMinor <= v.priceMinor)
      issues.push({
        field: `${field}.compareAtMinor`,
        code: 'not_above_price',
        message: 'must exceed the price',
      });
  });
  if (issues.length) {
    throw badRequest('invalid_product', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
}

/** A URL slug from an English title: lower-case words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
