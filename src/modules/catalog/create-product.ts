/** Merchant: creates a product (as a draft) with its options and variants. */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { recordEvent } from '../../app/events.ts';
import { newId, randomBase32 } from '../../app/ids.ts';
import {
  assertReferences,
  attributesJson,
  replaceOptions,
  syncPriceRange,
  uniqueViolation,
  upsertVariants,
} from './db/product-repository.ts';
import { checkVariants, type ProductInput, slugify } from './product-input.ts';

/** Creates the product in status `draft` and returns its id; records `product.created`. */
export async function createProduct(
  db: Db,
  input: ProductInput,
  actorId: string | null = null,
): Promise<{ id: string }> {
  const options = input.options ?? [];
  checkVariants(options, input.variants);
  return withTransaction(db, async (tx) => {
    await assertReferences(tx, input.categoryId, input.brandId);
    const id = newId('prod');
    // A generated slug gets a random tail so two products with one title never collide.
    const slug = input.slug ?? `${slugify(input.title.en) || 'product'}-${randomBase32(6)}`;
    try {
      await tx`insert into products (id, slug, status, title_zh, title_en, description_zh, description_en,
          brand_id, category_id, attributes)
        values (${id}, ${slug}, 'draft', ${input.title.zh}, ${input.title.en}, ${input.description?.zh ?? ''},
                ${input.description?.en ?? ''}, ${input.brandId ?? null}, ${input.categoryId},
                ${attributesJson(tx, input.attributes ?? [])})`;
    } catch (error) {
      throw uniqueViolation(error, 'products_slug_key', 'slug_taken', 'Another product uses that slug.');
    }
    await replaceOptions(tx, id, options);
    await upsertVariants(
      tx,
      id,
      input.variants.map(({ id: _ignored, ...v }) => v),
    );
    await syncPriceRange(tx, id);
    await recordEvent(tx, 'product.created', id, { productId: id, actorId });
    return { id };
  });
}
