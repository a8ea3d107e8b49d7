/** Adds a variant to the owner's cart, on top of any quantity already there. */
import { type Db, withTransaction } from '../../app/database.ts';
import { type Cart, type CartOwner, MAX_CART_LINES, priceCart } from './cart.ts';
import { cartLineLimit } from './cart-errors.ts';
import { loadVariantFacts } from './cart-pricing.ts';
import { checkLineQuantity } from './check-line-quantity.ts';
import { lockOrCreateActiveCartWithLines, upsertLine } from './db/cart-repository.ts';

export interface AddCartItemInput {
  variantId: string;
  /** 1..99, validated at the edge. */
  quantity: number;
}

/**
 * Adds `quantity` to the variant's line (creating the cart and line as needed) and returns the
 * priced cart. The line total must stay within 99 and the available stock, and a cart holds at
 * most 100 different items (409 otherwise). Catalog facts and stock are read once, for every
 * line, and reused for the answer: the write path is a handful of round trips.
 */
export async function addCartItem(db: Db, owner: CartOwner, input: AddCartItemInput): Promise<Cart> {
  return withTransaction(db, async (tx) => {
    const { cart, lines } = await lockOrCreateActiveCartWithLines(tx, owner);
    const existing = lines.find((l) => l.variantId === input.variantId);
    if (!existing && lines.length >= MAX_CART_LINES) throw cartLineLimit();
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    const variantIds = existing
      ? lines.map((l) => l.variantId)
      : [...lines.map((l) => l.variantId), input.variantId];
    const { facts, available } = await loadVariantFacts(tx, variantIds);
    checkLineQuantity(facts, available, { variantId: input.variantId, quantity, currency: cart.currency });
    await upsertLine(tx, cart.id, input.variantId, quantity);
    const updated = existing
      ? lines.map((l) => (l.variantId === input.variantId ? { ...l, quantity } : l))
      : [...lines, { variantId: input.variantId, quantity }];
    return priceCart(cart, updated, facts, available);
  });
}
