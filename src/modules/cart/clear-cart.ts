/** Empties the owner's cart (the cart row stays active). */
import { type Db, withTransaction } from '../../app/database.ts';
import type { CartOwner } from './cart.ts';
import { deleteAllLines, findActiveCart } from './db/cart-repository.ts';

/** Removes every line of the owner's active cart; nothing happens when there is none. */
export async function clearCart(db: Db, owner: CartOwner): Promise<void> {
  await withTransaction(db, async (tx) => {
    const cart = await findActiveCart(tx, owner, true);
    if (cart) await deleteAllLines(tx, cart.id);
  });
}
