/**
 * Favourites: a shopper's saved products, under their shopper key (a feature they ask for, so the
 * key is minted for it whatever their consent). Adding one also records a `favourite` behaviour
 * event, which consent filters like any other.
 */
import type { Db } from '../../../app/database.ts';
import { conflict, notFound } from '../../../app/errors.ts';
import { getProductSummaries } from '../../catalog/index.ts';
import { recordBehaviourEvents } from './record-behaviour-events.ts';

export const MAX_FAVOURITES = 200;

/** Saves a published product as a favourite (idempotent); 404 for unknown, 409 past 200. */
export async function addFavourite(db: Db, shopperKey: string, productId: string): Promise<void> {
  const [product] = await getProductSummaries(db, [productId]);
  if (!product) throw notFound('product');
  const [count] = await db<
    { n: number }[]
  >`select count(*)::int as n from favourites where shopper_key = ${shopperKey}`;
  if (count!.n >= MAX_FAVOURITES) throw conflict('favourites_full', `At most ${MAX_FAVOURITES} favourites.`);
  const inserted =
    await db`insert into favourites (shopper_key, product_id) values (${shopperKey}, ${productId})
                            on conflict do nothing`;
  if (inserted.count) await recordBehaviourEvents(db, shopperKey, [{ kind: 'favourite', productId }]);
}

/** Removes a favourite (no error when it was not one). */
export async function removeFavourite(db: Db, shopperKey: string, productId: string): Promise<void> {
  await db`delete from favourites where shopper_key = ${shopperKey} and product_id = ${productId}`;
}

/** The shopper's favourite product ids, newest first. */
export async function listFavourites(db: Db, shopperKey: string): Promise<string[]> {
  const rows = await db<{ product_id: string }[]>`
    select product_id from favourites where shopper_key = ${shopperKey} order by created_at desc, product_id`;
  return rows.map((r) => r.product_id);
}
