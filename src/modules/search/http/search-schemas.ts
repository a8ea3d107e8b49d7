/** Zod schemas of the search API: the typed boundary and the OpenAPI description. */
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../search-products.ts';

const localized = z.object({ zh: z.string(), en: z.string() });
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

/** `a,b,c` or repeated `?brand=a&brand=b`: ids or slugs. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(100)).max(20));

const minorUnits = z.coerce.number().int().min(0).max(100_000_000);

export const searchQuerystring = z
  .object({
    q: z.string().trim().max(200).optional(),
    category: z.string().max(100).optional().describe('category id or slug; includes its subcategories'),
    brand: idList.optional().describe('brand ids or slugs, comma-separated'),
    price_min: minorUnits.optional().describe('minor units (fen)'),
    price_max: minorUnits.optional().describe('minor units (fen)'),
    in_stock: z.enum(['true', 'false', '1', '0']).optional(),
    sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest', 'best_selling']).default('relevance'),
    page: z.coerce.number().int().min(1).max(1_000).default(1),
    page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(24),
  })
  .refine((v) => v.price_min === undefined || v.price_max === undefined || v.price_min <= v.price_max, {
    message: 'must not be below price_min',
    path: ['price_max'],
  });

export const productSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: localized,
  brand: localized.nullable(),
  price: money,
  compareAt: money.nullable(),
  image: z.object({ url: z.string(), alt: localized, width: z.number(), height: z.number() }).nullable(),
  inStock: z.boolean(),
  salesCount: z.number(),
  rating: z.object({ average: z.number().nullable(), count: z.number() }),
});

const facetCount = z.object({ id: z.string(), slug: z.string(), name: localized, count: z.number().int() });

export const searchResponse = z.object({
  items: z.array(productSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    categories: z.array(facetCount.extend({ parentId: z.string().nullable() })),
    brands: z.array(facetCount),
    priceRanges: z.array(
      z.object({ minMinor: z.number(), maxMinor: z.number().nullable(), count: z.number() }),
    ),
    inStock: z.number().int(),
  }),
  corrected: z.string().optional().describe('the query actually searched after typo correction'),
  tokens: z.array(z.string()),
});

export const suggestQuerystring = z.object({
  q: z.string().trim().min(1).max(60),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const suggestResponse = z.object({
  items: z.array(
    z.object({ kind: z.enum(['product', 'brand', 'category']), id: z.string(), label: z.string() }),
  ),
});
