/** Merchant: makes a product visible in the shop. */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { conflict, notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';

/**
 * Publishes a draft or archived product that has at least one active variant; records
 * `product.published`. Publishing a published product changes nothing.
 */
export async function publishProduct(
  db: Db,
  productId: string,
  actorId: string | null = null,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    const [p] = await tx<
      { status: string }[]
    >`select status from products where id = ${productId} for update`;
    if (!p) throw notFound('product');
    if (p.status === 'published') return;
    const [active] = await tx`select 1 from variants where product_id = ${productId} and is_active limit 1`;
    if (!active) throw conflict('product_has_no_active_variant', 'Add an active variant before publishing.');
    await tx`update products set status = 'published', published_at = now(), updated_at = now()
              where id = ${productId}`;
    await recordEvent(tx, 'product.published', productId, { productId, actorId });
  });
}
