/** Adds a variant to the owner's cart, on top of any quantity already there. */
import { type Db, withTransaction } from '../../app/database.ts';
import { type Cart, type CartOwner, MAX_CART_LINES } from './cart.ts';
import { cartLineLimit } from './cart-errors.ts';
import { checkLineQuantity } from './check-line-quantity.ts';
import { listLines, lockOrCreateActiveCart, upsertLine } from './db/cart-repository.ts';
import { priceCartById } from './get-cart.ts';

export interface AddCartItemInput {
  variantId: string;
  /** 1..99, validated at the edge. */
  quantity: number;
}

/**
 * Adds `quantity` to the variant's line (creating the cart and line as needed) and returns the
 * priced cart. The line total must stay within 99 and the available stock, and a cart holds at
 * most 100 different items (409 otherwise).
 */
export async function addCartItem(db: Db, owner: CartOwner, input: AddCartItemInput): Promise<Cart> {
  return withTransaction(db, async (tx) => {
    const cart = await lockOrCreateActiveCart(tx, owner);
    const lines = await listLines(tx, cart.id);
    const existing = lines.find((l) => l.variantId === input.variantId);
    if (!existing && lines.length >= MAX_CART_LINES) throw cartLineLimit();
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    await checkLineQuantity(tx, input.variantId, quantity, cart.currency);
    await upsertLine(tx, cart.id, input.variantId, quantity);
    return priceCartById(tx, cart);
  });
}
