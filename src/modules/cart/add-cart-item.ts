/** Adds a variant to the owner's cart, on top of any quantity already there. */
import { type Db, withTransaction } from '../../app/database.ts';
import { type EventFailureLog, recordVisitorEvents } from '../recommendations/index.ts';
import { type Cart, type CartOwner, MAX_CART_LINES, priceCart } from './cart.ts';
import { cartLineLimit } from './cart-errors.ts';
import { loadVariantFacts } from './cart-pricing.ts';
import { checkLineQuantity } from './check-line-quantity.ts';
import { lockOrCreateActiveCartWithLines, upsertLine } from './db/cart-repository.ts';

export interface AddCartItemInput {
  variantId: string;
  /** 1..99, validated at the edge. */
  quantity: number;
  /** The visitor's shopper key (`lantern_vid`), if any: the add is recorded for it, as consent allows. */
  shopperKey?: string | null;
  /** Where a behaviour event that could not be recorded is reported (the request's logger fits). */
  log?: EventFailureLog;
}

/**
 * Adds `quantity` to the variant's line (creating the cart and line as needed) and returns the
 * priced cart. The line total must stay within 99 and the available stock, and a cart holds at
 * most 100 different items (409 otherwise). Catalog facts and stock are read once, for every
 * line, and reused for the answer: the write path is a handful of round trips.
 */
export async function addCartItem(db: Db, owner: CartOwner, input: AddCartItemInput): Promise<Cart> {
  const cart = await withTransaction(db, async (tx) => {
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
  await recordAddToCart(db, cart, input);
  return cart;
}

/**
 * The add-to-cart behaviour event, after the cart's transaction has committed: never inside it,
 * as the event insert's per-row NOTIFY would serialise every cart commit. Recording never fails
 * the add (`recordVisitorEvents` logs and moves on).
 */
async function recordAddToCart(db: Db, cart: Cart, input: AddCartItemInput): Promise<void> {
  const productId = cart.lines.find((l) => l.variantId === input.variantId)?.productId;
  if (!productId || !input.shopperKey) return;
  await recordVisitorEvents(db, input.shopperKey, [{ kind: 'add_to_cart', productId }], input.log ?? SILENT);
}

const SILENT: EventFailureLog = { warn: () => {} };
