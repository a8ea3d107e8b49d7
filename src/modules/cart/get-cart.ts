/** Reads the owner's cart, priced now. Creates nothing: an owner without a cart gets an empty one. */
import type { Db } from '../../app/database.ts';
import { type Cart, type CartOwner, emptyCart, priceCart } from './cart.ts';
import { loadVariantFacts } from './cart-pricing.ts';
import { findActiveCart, listLines } from './db/cart-repository.ts';

/** The owner's active cart with current prices, labels and stock. */
export async function getCart(db: Db, owner: CartOwner): Promise<Cart> {
  const cart = await findActiveCart(db, owner);
  if (!cart) return emptyCart();
  return priceCartById(db, cart);
}

/** Prices a known cart row (used after a write, inside its transaction). */
export async function priceCartById(db: Db, cart: { id: string; currency: string }): Promise<Cart> {
  const lines = await listLines(db, cart.id);
  const { facts, available } = await loadVariantFacts(
    db,
    lines.map((l) => l.variantId),
  );
  return priceCart(cart, lines, facts, available);
}
