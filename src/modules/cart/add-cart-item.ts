/** Adds a variant to the owner's cart, on top of any quantity already there. */
import type { Db } from '../../app/database.ts';
import type { DomainError } from '../../app/errors.ts';
import { type EventFailureLog, recordVisitorEvents } from '../recommendations/index.ts';
import { type Cart, type CartOwner, priceCart } from './cart.ts';
import {
  cartLineLimit,
  insufficientStock,
  lineQuantityLimit,
  variantNotFound,
  variantUnavailable,
} from './cart-errors.ts';
import { loadCatalogFacts } from './cart-pricing.ts';
import { AddRefused, addLineLocked } from './db/cart-repository.ts';

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
 * most 100 different items (409 otherwise). The write is one statement, its own transaction
 * (`addLineLocked`: lock, check, upsert, and the lines with their stock back); catalog facts come
 * from their 5 s cache, so a typical add is that one round trip plus the behaviour event.
 */
export async function addCartItem(db: Db, owner: CartOwner, input: AddCartItemInput): Promise<Cart> {
  const fact = (await loadCatalogFacts(db, [input.variantId])).get(input.variantId);
  let added: Awaited<ReturnType<typeof addLineLocked>>;
  try {
    added = await addLineLocked(db, owner, {
      variantId: input.variantId,
      quantity: input.quantity,
      fact: fact ? { currency: fact.price.currency, isPurchasable: fact.isPurchasable } : null,
    });
  } catch (error) {
    throw error instanceof AddRefused ? refusal(error) : error;
  }
  const { cart, lines } = added;
  const facts = await loadCatalogFacts(
    db,
    lines.map((l) => l.variantId),
  );
  const cartPriced = priceCart(cart, lines, facts, new Map(lines.map((l) => [l.variantId, l.available])));
  await recordAddToCart(db, cartPriced, input);
  return cartPriced;
}

/** The domain error for a refusal the database raised. */
function refusal(refused: AddRefused): DomainError {
  switch (refused.code) {
    case 'cart_line_limit':
      return cartLineLimit();
    case 'variant_not_found':
      return variantNotFound();
    case 'variant_unavailable':
      return variantUnavailable();
    case 'line_quantity_limit':
      return lineQuantityLimit();
    case 'insufficient_stock':
      return insufficientStock(refused.available);
  }
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
