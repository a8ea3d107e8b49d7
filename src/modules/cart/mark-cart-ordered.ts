/** Closes a cart once checkout turned it into an order. */
import type { Tx } from '../../app/database.ts';
import { closeCart } from './db/cart-repository.ts';

/**
 * Marks the cart `ordered` inside checkout's transaction, so the next add starts a fresh cart.
 * Returns false when the cart was no longer active (a concurrent checkout got there first).
 */
export function markCartOrdered(tx: Tx, cartId: string): Promise<boolean> {
  return closeCart(tx, cartId, 'ordered');
}
