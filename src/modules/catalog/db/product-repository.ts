/** Catalog writes shared by the admin use cases; every function takes the caller's transaction. */
import type { Tx } from '../../../app/database.ts';
import { badRequest, conflict } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import type { ProductAttribute, ProductOption } from '../catalog.ts';
import type { VariantInput } from '../product-input.ts';

/** Checks that the category (required) and brand (optional) exist. */
export async function assertReferences(
  tx: Tx,
  categoryId: string | undefined,
  brandId: string | null | undefined,
) {
  if (categoryId !== undefined) {
    const [c] = await tx`select 1 from categories where id = ${categoryId}`;
    if (!c)
      throw badRequest('category_not_found', 'No category with that id.', [
        { field: 'categoryId', code: 'unknown', message: 'is unknown' },
      ]);
  }
  if (brandId) {
    const [b] = await tx`select 1 from brands where id = ${brandId}`;
    if (!b)
      throw badRequest('brand_not_found', 'No brand with that id.', [
        { field: 'brandId', code: 'unknown', message: 'is unknown' },
      ]);
  }
}

/** Replaces the product's options with `options`, in the given order. */
export async function replaceOptions(tx: Tx, productId: string, options: ProductOption[]) {
  await tx`delete from product_options where product_id = ${productId}`;
  for (const [position, o] of options.entries()) {
    await tx`insert into product_options (product_id, code, position, name_zh, name_en, "values")
      values (${productId}, ${o.code}, ${position}, ${o.name.zh}, ${o.name.en}, ${tx.json(o.values as never)})`;
  }
}

/** Adds variants without an id and edits those with one (which must belong to the product). */
export async function upsertVariants(tx: Tx, productId: string, variants: VariantInput[]) {
  const [{ next } = { next: 0 }] = await tx<{ next: number }[]>`
    select coalesce(max(position) + 1, 0)::int as next from variants where product_id = ${productId}`;
  let position = next;
  for (const [i, v] of variants.entries()) {
    try {
      if (v.id) {
        const updated = await tx`
          update variants set sku = ${v.sku}, option_values = ${tx.json(v.optionValues)},
                 price_minor = ${v.priceMinor}, compare_at_minor = ${v.compareAtMinor ?? null},
                 weight_grams = coalesce(${v.weightGrams ?? null}, weight_grams),
                 is_active = coalesce(${v.isActive ?? null}, is_active)
           where id = ${v.id} and product_id = ${productId}`;
        if (updated.count !== 1)
          throw badRequest('variant_not_found', 'No variant with that id on this product.', [
            { field: `variants[${i}].id`, code: 'unknown', message: 'is unknown' },
          ]);
      } else {
        await tx`insert into variants (id, product_id, sku, option_values, price_minor, compare_at_minor,
            weight_grams, position, is_active)
          values (${newId('var')}, ${productId}, ${v.sku}, ${tx.json(v.optionValues)}, ${v.priceMinor},
                  ${v.compareAtMinor ?? null}, ${v.weightGrams ?? 0}, ${position++}, ${v.isActive ?? true})`;
      }
    } catch (error) {
      throw uniqueViolation(error, 'variants_sku_key', 'sku_taken', `SKU ${v.sku} is already used.`);
    }
  }
}

/** Every variant of the product as input (for re-checking them against new options). */
export async function loadVariantInputs(tx: Tx, productId: string): Promise<VariantInput[]> {
  const rows = await tx<
    {
      id: string;
      sku: string;
      option_values: Record<string, string>;
      price_minor: number;
      compare_at_minor: number | null;
    }[]
  >`select id, sku, option_values, price_minor, compare_at_minor from variants where product_id = ${productId}
     order by position, id`;
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    optionValues: r.option_values,
    priceMinor: r.price_minor,
    compareAtMinor: r.compare_at_minor,
  }));
}

/** Keeps products.min/max_price_minor equal to the range of the active variants' prices. */
export async function syncPriceRange(tx: Tx, productId: string) {
  await tx`
    update products p set min_price_minor = coalesce(r.min, 0), max_price_minor = coalesce(r.max, 0),
           updated_at = now()
      from (select min(price_minor) as min, max(price_minor) as max from variants
             where product_id = ${productId} and is_active) r
     where p.id = ${productId}`;
}

/** Writes the attributes list as given. */
export function attributesJson(tx: Tx, attributes: ProductAttribute[]) {
  return tx.json(attributes as never);
}

/** Turns a unique violation on `constraint` into a 409 with `code`; rethrows anything else. */
export function uniqueViolation(error: unknown, constraint: string, code: string, message: string): unknown {
  const e = error as { code?: string; constraint_name?: string };
  if (e.code === '23505' && e.constraint_name === constraint) return conflict(code, message);
  return error;
}
