/** Removes a line from the owner's cart. */
import { type Db, withTransaction } from '../../app/database.ts';
import type { Cart, CartOwner } from './cart.ts';
import { cartLineNotFound } from './cart-errors.ts';
import { deleteLine, findActiveCart } from './db/cart-repository.ts';
import { priceCartById } from './get-cart.ts';

/** Deletes the variant's line from the owner's active cart (404 when it holds none). */
export async function removeCartItem(db: Db, owner: CartOwner, variantId: string): Promise<Cart> {
  return withTransaction(db, async (tx) => {
    const cart = await findActiveCart(tx, owner, true);
    if (!cart || !(await deleteLine(tx, cart.id, variantId))) throw cartLineNotFound();
    return priceCartById(tx, cart);
  });
}
