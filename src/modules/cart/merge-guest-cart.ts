/** At sign-in, moves the guest session's cart lines into the customer's cart. */
import { type Db, withTransaction } from '../../app/database.ts';
import { MAX_LINE_QUANTITY } from './cart.ts';
import {
  closeCart,
  findActiveCart,
  listLines,
  lockOrCreateActiveCart,
  upsertLine,
} from './db/cart-repository.ts';

/**
 * Adds each guest line to the customer's cart (quantities summed, capped at 99) and closes the
 * guest cart as `merged`. Stock is not re-checked here: the cart shows what is available and
 * checkout reserves. Nothing happens when the guest has no cart or an empty one.
 */
export async function mergeGuestCart(db: Db, sessionTokenHash: string, customerId: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    const guest = await findActiveCart(tx, { sessionTokenHash }, true);
    if (!guest) return;
    const guestLines = await listLines(tx, guest.id);
    await closeCart(tx, guest.id, 'merged');
    if (guestLines.length === 0) return;
    const cart = await lockOrCreateActiveCart(tx, { customerId });
    const current = new Map((await listLines(tx, cart.id)).map((l) => [l.variantId, l.quantity]));
    for (const line of guestLines) {
      const quantity = Math.min(MAX_LINE_QUANTITY, (current.get(line.variantId) ?? 0) + line.quantity);
      await upsertLine(tx, cart.id, line.variantId, quantity);
    }
  });
}
