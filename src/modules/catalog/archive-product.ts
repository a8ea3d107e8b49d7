/** Merchant: takes a product out of the shop without deleting it (orders still refer to it). */
import type { Db } from '../../app/database.ts';
import { withTransaction } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { recordEvent } from '../../app/events.ts';

/** Archives the product; records `product.archived`. Archiving twice changes nothing. */
export async function archiveProduct(
  db: Db,
  productId: string,
  actorId: string | null = null,
): Promise<void> {
  await withTransaction(db, async (tx) => {
    const [p] = await tx<
      { status: string }[]
    >`select status from products where id = ${productId} for update`;
    if (!p) throw notFound('product');
    if (p.status === 'archived') return;
    await tx`update products set status = 'archived', updated_at = now() where id = ${productId}`;
    await recordEvent(tx, 'product.archived', productId, { productId, actorId });
  });
}
