/** The cart module's SQL. Functions take a pool or a transaction and return plain rows. */
import type { Db, Tx } from '../../../app/database.ts';
import { newId } from '../../../app/ids.ts';
import { CART_CURRENCY, type CartOwner } from '../cart.ts';

export interface CartRow {
  id: string;
  currency: string;
}

export interface StoredLine {
  variantId: string;
  quantity: number;
}

/** The owner's active cart, or null. With `lock`, the row is locked for the transaction. */
export async function findActiveCart(db: Db, owner: CartOwner, lock = false): Promise<CartRow | null> {
  const forUpdate = lock ? db`for update` : db``;
  const [row] =
    'customerId' in owner
      ? await db<CartRow[]>`select id, currency from carts
          where customer_id = ${owner.customerId} and status = 'active' ${forUpdate}`
      : await db<CartRow[]>`select id, currency from carts
          where session_token_hash = ${owner.sessionTokenHash} and customer_id is null
            and status = 'active' ${forUpdate}`;
  return row ?? null;
}

/**
 * The owner's active cart, created when missing, locked so line changes on it are serialised, and
 * its lines as they are once the lock is held. The two reads go out together (one round trip): on
 * one connection PostgreSQL runs them in the order sent, and in READ COMMITTED the lines statement
 * takes its snapshot only after the locking one returned, so it sees every line a previous holder
 * of the lock committed (the cart race tests hold this).
 */
export async function lockOrCreateActiveCartWithLines(
  tx: Tx,
  owner: CartOwner,
): Promise<{ cart: CartRow; lines: StoredLine[] }> {
  const [existing, lines] = await Promise.all([findActiveCart(tx, owner, true), listLinesOfOwner(tx, owner)]);
  if (existing) return { cart: existing, lines };
  const cart = await lockOrCreateActiveCart(tx, owner);
  return { cart, lines: await listLines(tx, cart.id) };
}

/** The lines of the owner's active cart, oldest first (a read that needs no cart id first). */
async function listLinesOfOwner(db: Db, owner: CartOwner): Promise<StoredLine[]> {
  return 'customerId' in owner
    ? db<StoredLine[]>`select l.variant_id as "variantId", l.quantity from cart_lines l
        join carts c on c.id = l.cart_id
       where c.customer_id = ${owner.customerId} and c.status = 'active'
       order by l.added_at, l.variant_id`
    : db<StoredLine[]>`select l.variant_id as "variantId", l.quantity from cart_lines l
        join carts c on c.id = l.cart_id
       where c.session_token_hash = ${owner.sessionTokenHash} and c.customer_id is null
         and c.status = 'active'
       order by l.added_at, l.variant_id`;
}

/** The owner's active cart, created when missing, locked so line changes on it are serialised. */
export async function lockOrCreateActiveCart(tx: Tx, owner: CartOwner): Promise<CartRow> {
  const existing = await findActiveCart(tx, owner, true);
  if (existing) return existing;
  const customerId = 'customerId' in owner ? owner.customerId : null;
  const sessionTokenHash = 'sessionTokenHash' in owner ? owner.sessionTokenHash : null;
  // A concurrent request may create the same cart: the partial unique indexes decide, we re-read.
  await tx`insert into carts (id, customer_id, session_token_hash, currency)
    values (${newId('cart')}, ${customerId}, ${sessionTokenHash}, ${CART_CURRENCY})
    on conflict do nothing`;
  const created = await findActiveCart(tx, owner, true);
  if (!created) throw new Error('cart could not be created');
  return created;
}

/** The lines of a cart, oldest first. */
export async function listLines(db: Db, cartId: string): Promise<StoredLine[]> {
  return db<StoredLine[]>`select variant_id as "variantId", quantity from cart_lines
    where cart_id = ${cartId} order by added_at, variant_id`;
}

/** Sets a line's quantity, inserting the line when new. */
export async function upsertLine(db: Db, cartId: string, variantId: string, quantity: number): Promise<void> {
  // One statement (one round trip) writes the line and touches the cart.
  await db`with line as (
      insert into cart_lines (cart_id, variant_id, quantity) values (${cartId}, ${variantId}, ${quantity})
      on conflict (cart_id, variant_id) do update set quantity = excluded.quantity)
    update carts set updated_at = now() where id = ${cartId}`;
}

/** Deletes a line; true when there was one. */
export async function deleteLine(db: Db, cartId: string, variantId: string): Promise<boolean> {
  const rows =
    await db`delete from cart_lines where cart_id = ${cartId} and variant_id = ${variantId} returning 1`;
  await touchCart(db, cartId);
  return rows.length > 0;
}

/** Deletes every line of a cart. */
export async function deleteAllLines(db: Db, cartId: string): Promise<void> {
  await db`delete from cart_lines where cart_id = ${cartId}`;
  await touchCart(db, cartId);
}

/** Moves a cart out of `active` (ordered or merged); true when it was active. */
export async function closeCart(db: Db, cartId: string, status: 'ordered' | 'merged'): Promise<boolean> {
  const rows = await db`update carts set status = ${status}, updated_at = now()
    where id = ${cartId} and status = 'active' returning 1`;
  return rows.length > 0;
}

async function touchCart(db: Db, cartId: string) {
  await db`update carts set updated_at = now() where id = ${cartId}`;
}
