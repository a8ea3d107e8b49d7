/** The catalog's typed HTTP boundary: strict merchant write bodies and the product shapes it returns. */
import { z } from 'zod';

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const text = z.object({ zh: z.string(), en: z.string() });
const ref = z.object({ id: z.string(), slug: z.string(), name: text });
const image = z.object({ url: z.string(), alt: text, width: z.number().int(), height: z.number().int() });
const rating = z.object({ average: z.number().nullable(), count: z.number().int() });
const isoDate = z.string().describe('ISO 8601 date-time');

export const productSummary = z.object({
  id: z.string(),
  slug: z.string(),
  title: text,
  brand: text.nullable(),
  price: money,
  compareAt: money.nullable(),
  image: image.nullable(),
  inStock: z.boolean(),
  salesCount: z.number().int(),
  rating,
});

export const productDetail = z.object({
  id: z.string(),
  slug: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  title: text,
  description: text,
  brand: ref.nullable(),
  category: ref.extend({ breadcrumb: z.array(ref) }),
  attributes: z.array(z.object({ code: z.string(), name: text, value: text })),
  options: z.array(
    z.object({
      code: z.string(),
      name: text,
      values: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
    }),
  ),
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      optionValues: z.record(z.string(), z.string()),
      price: money,
      compareAt: money.nullable(),
      available: z.number().int(),
      isActive: z.boolean(),
    }),
  ),
  media: z.array(image),
  priceRange: z.object({ min: money, max: money }),
  salesCount: z.number().int(),
  rating,
  publishedAt: isoDate.nullable(),
});

const leafCategory = ref.extend({ productCount: z.number().int(), children: z.array(ref) });
const midCategory = ref.extend({ productCount: z.number().int(), children: z.array(leafCategory) });
/** Three levels, which is as deep as the shop's tree goes. */
export const categoryTree = z.array(
  ref.extend({ productCount: z.number().int(), children: z.array(midCategory) }),
);

export const brandList = z.array(ref.extend({ productCount: z.number().int() }));

export const slugParams = z.object({ slug: z.string().min(1).max(200) });
export const idParams = z.object({ id: z.string().min(1).max(64) });
export const mediaParams = z.object({ id: z.string().regex(/^med_[0-9a-z]{16}$/) });
export const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) });

// ---- merchant writes: strict objects, so unknown fields (status, salesCount, …) are refused

const textInput = (max: number) =>
  z.strictObject({ zh: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
const optionalTextInput = (max: number) =>
  z.strictObject({ zh: z.string().max(max), en: z.string().max(max) });
const code = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lower-case letters, digits or _');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -')
  .max(100);
const entityId = z.string().min(1).max(64);

const attributeInput = z.strictObject({ code, name: textInput(60), value: textInput(200) });
const optionInput = z.strictObject({
  code,
  name: textInput(60),
  values: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/),
        zh: z.string().trim().min(1).max(60),
        en: z.string().trim().min(1).max(60),
      }),
    )
    .min(1)
    .max(50),
});
const variantFields = {
  sku: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - only'),
  optionValues: z.record(code, z.string().max(32)),
  priceMinor: z.number().int().min(0).max(100_000_000),
  compareAtMinor: z.number().int().min(0).max(100_000_000).nullable().optional(),
  weightGrams: z.number().int().min(0).max(1_000_000).optional(),
  isActive: z.boolean().optional(),
};

export const createProductBody = z.strictObject({
  slug: slug.optional(),
  title: textInput(200),
  description: optionalTextInput(10_000).optional(),
  brandId: entityId.nullable().optional(),
  categoryId: entityId,
  attributes: z.array(attributeInput).max(30).optional(),
  options: z.array(optionInput).max(3).optional(),
  variants: z.array(z.strictObject(variantFields)).min(1).max(100),
});

export const updateProductBody = z.strictObject({
  slug: slug.optional(),
  title: textInput(200).optional(),
  description: optionalTextInput(10_000).optional(),
  brandId: entityId.nullable().optional(),
  categoryId: entityId.optional(),
  attributes: z.array(attributeInput).max(30).optional(),
  options: z.array(optionInput).max(3).optional(),
  variants: z
    .array(z.strictObject({ id: entityId.optional(), ...variantFields }))
    .max(100)
    .optional(),
});

/** 5 MB of image is at most 7 MB of base64. */
export const imageBody = z.strictObject({
  dataBase64: z
    .string()
    .min(1)
    .max(7_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .describe('PNG, JPEG or WebP bytes (≤ 5 MB), base64-encoded; re-encoded to WebP'),
  alt: textInput(200).optional(),
});

export const adminListQuery = z.object({
  status: z.enum(['draft', 'published', 'archived']).optional(),
  categoryId: entityId.optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const adminProductList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      status: z.enum(['draft', 'published', 'archived']),
      title: text,
      category: text,
      brand: text.nullable(),
      priceRange: z.object({ min: money, max: money }),
      variantCount: z.number().int(),
      available: z.number().int(),
      image: z.string().nullable(),
      updatedAt: isoDate,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const createdProduct = z.object({ id: z.string() });
export const addedImage = image.extend({ id: z.string() });

export const productListQuery = z.strictObject({
  category: z.string().min(1).max(200).optional().describe('Category slug; includes its subcategories'),
  brand: z.string().min(1).max(200).optional().describe('Brand slug'),
  sort: z.enum(['best_selling', 'newest', 'price_asc', 'price_desc']).default('best_selling'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  page_size: z.coerce.number().int().min(1).max(48).default(20),
});

export const productPage = z.object({
  items: productSummary.array(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
