/** Test builders for catalog's rows, written straight to its tables (no demo seed needed). */
import type { Sql } from '../../app/database.ts';
import { newId, randomBase32 } from '../../app/ids.ts';

/** A published product in a new category, with one active variant at `priceMinor` (default ¥50). */
export async function buildProduct(
  sql: Sql,
  options: { priceMinor?: number } = {},
): Promise<{ productId: string; variantId: string; categoryId: string }> {
  const suffix = randomBase32(8);
  const categoryId = newId('cat');
  const productId = newId('prod');
  const variantId = newId('var');
  const price = options.priceMinor ?? 5000;
  await sql`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${`c-${suffix}`}, '测试', 'Test')`;
  await sql`insert into products (id, slug, status, title_zh, title_en, category_id, min_price_minor, max_price_minor, published_at)
            values (${productId}, ${`p-${suffix}`}, 'published', '测试耳机', 'Test headphones', ${categoryId},
                    ${price}, ${price}, now())`;
  await sql`insert into variants (id, product_id, sku, price_minor) values (${variantId}, ${productId}, ${`SKU-${suffix}`}, ${price})`;
  return { productId, variantId, categoryId };
}
