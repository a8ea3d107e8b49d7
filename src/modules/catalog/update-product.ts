/** Merchant: edits a product's text, brand, category, attributes, options and variants. */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';
import type { Localized, ProductAttribute, ProductOption } from './catalog.ts';
import {
  assertReferences,
  attributesJson,
  loadVariantInputs,
  replaceOptions,
  syncPriceRange,
  uniqueViolation,
  upsertVariants,
} from './db/product-repository.ts';
import { loadOptions } from './get-product-detail.ts';
import { checkVariants, type VariantInput } from './product-input.ts';

/** Only the fields present change; `variants` adds (no id) or edits (with id), never deletes. */
export interface UpdateProductInput {
  slug?: string;
  title?: Localized;
  description?: Localized;
  brandId?: string | null;
  categoryId?: string;
  attributes?: ProductAttribute[];
  options?: ProductOption[];
  variants?: VariantInput[];
}

/** Applies the changes in one transaction; records `product.updated`. Unknown id → 404. */
export async function updateProduct(
  db: Db,
  productId: string,
  input: UpdateProductInput,
  actorId: string | null = null,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    // Lock the product so two edits of its variants apply one after the other.
    const [row] = await tx`select id from products where id = ${productId} for update`;
    if (!row) throw notFound('product');
    await assertReferences(tx, input.categoryId, input.brandId);
    try {
      await tx`update products set
          slug = coalesce(${input.slug ?? null}, slug),
          title_zh = coalesce(${input.title?.zh ?? null}, title_zh),
          title_en = coalesce(${input.title?.en ?? null}, title_en),
          description_zh = coalesce(${input.description?.zh ?? null}, description_zh),
          description_en = coalesce(${input.description?.en ?? null}, description_en),
          brand_id = case when ${input.brandId !== undefined} then ${input.brandId ?? null} else brand_id end,
          category_id = coalesce(${input.categoryId ?? null}, category_id),
          attributes = case when ${input.attributes !== undefined}
                            then ${attributesJson(tx, input.attributes ?? [])} else attributes end,
          updated_at = now()
        where id = ${productId}`;
    } catch (error) {
      throw uniqueViolation(error, 'products_slug_key', 'slug_taken', 'Another product uses that slug.');
    }
    if (input.options) await replaceOptions(tx, productId, input.options);
    if (input.variants) await upsertVariants(tx, productId, input.variants);
    if (input.options || input.variants) {
      // Re-check every variant against the options as they now stand, edited or not.
      checkVariants(await loadOptions(tx, productId), await loadVariantInputs(tx, productId));
    }
    await syncPriceRange(tx, productId);
    await recordEvent(tx, 'product.updated', productId, { productId, actorId });
  });
}
