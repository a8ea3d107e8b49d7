/** Sets the quantity of a line already in the owner's cart; 0 removes it. */
import { type Db, withTransaction } from '../../app/database.ts';
import { type Cart, type CartOwner, priceCart } from './cart.ts';
import { cartLineNotFound } from './cart-errors.ts';
import { loadVariantFacts } from './cart-pricing.ts';
import { checkLineQuantity } from './check-line-quantity.ts';
import { deleteLine, findActiveCart, listLines, upsertLine } from './db/cart-repository.ts';

/**
 * Replaces the line's quantity (0..99) and returns the priced cart. Only lines the owner's own
 * active cart holds can be changed: anything else is a 404.
 */
export async function setCartItemQuantity(
  db: Db,
  owner: CartOwner,
  variantId: string,
  quantity: number,
): Promise<Cart> {
  return withTransaction(db, async (tx) => {
    const cart = await findActiveCart(tx, owner, true);
    if (!cart) throw cartLineNotFound();
    const lines = await listLines(tx, cart.id);
    const line = lines.find((l) => l.variantId === variantId);
    if (!line) throw cartLineNotFound();
    const { facts, available } = await loadVariantFacts(
      tx,
      lines.map((l) => l.variantId),
    );
    if (quantity === 0) {
      await deleteLine(tx, cart.id, variantId);
    } else {
      // Lowering a quantity is always allowed, so a shopper can fix a line that stock overtook.
      if (quantity > line.quantity)
        checkLineQuantity(facts, available, { variantId, quantity, currency: cart.currency });
      await upsertLine(tx, cart.id, variantId, quantity);
    }
    const updated = lines.flatMap((l) =>
      l.variantId !== variantId ? [l] : quantity === 0 ? [] : [{ ...l, quantity }],
    );
    return priceCart(cart, updated, facts, available);
  });
}
