/** The cart module's SQL. Functions take a pool or a transaction and return plain rows. */
import type { Db, Tx } from '../../../app/database.ts';
import { newId } from '../../../app/ids.ts';
import { CART_CURRENCY, type CartOwner, MAX_CART_LINES, MAX_LINE_QUANTITY } from '../cart.ts';

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

/** What catalog says of the variant being added (null: unknown), judged inside the add. */
export interface AddedVariant {
  variantId: string;
  quantity: number;
  fact: { currency: string; isPurchasable: boolean } | null;
}

/** Why the database refused an add (`cart_add_item` raises SQLSTATE LC409), and the stock then. */
export class AddRefused extends Error {
  readonly code: AddRefusal;
  readonly available: number;

  constructor(code: AddRefusal, available: number) {
    super(code);
    this.code = code;
    this.available = available;
  }
}

type AddRefusal =
  | 'cart_line_limit'
  | 'variant_not_found'
  | 'variant_unavailable'
  | 'line_quantity_limit'
  | 'insufficient_stock';

/**
 * Adds to the owner's active cart (created when missing) in one statement and one round trip, its
 * own transaction: the cart row is locked first, then the limits are checked against the lines as
 * they are once the lock is held (see `cart_add_item` in `0007_cart.sql`). Returns the cart and all its lines, oldest
 * first, with the stock available for each; throws `AddRefused` and writes nothing when a rule says no.
 */
export async function addLineLocked(
  db: Db,
  owner: CartOwner,
  add: AddedVariant,
): Promise<{ cart: CartRow; lines: (StoredLine & { available: number })[] }> {
  const customerId = 'customerId' in owner ? owner.customerId : null;
  const sessionTokenHash = 'sessionTokenHash' in owner ? owner.sessionTokenHash : null;
  try {
    const rows = await db<
      { cartId: string; currency: string; variantId: string; quantity: number; available: number }[]
    >`
      select cart_id as "cartId", currency, variant_id as "variantId", quantity, available
        from cart_add_item(${customerId}, ${sessionTokenHash}, ${newId('cart')}, ${CART_CURRENCY},
                           ${add.variantId}, ${add.quantity}, ${add.fact?.currency ?? null},
                           ${add.fact?.isPurchasable ?? false}, ${MAX_LINE_QUANTITY}, ${MAX_CART_LINES})`;
    const first = rows[0]!;
    return {
      cart: { id: first.cartId, currency: first.currency },
      lines: rows.map((r) => ({ variantId: r.variantId, quantity: r.quantity, available: r.available })),
    };
  } catch (error) {
    const e = error as { code?: string; message: string; detail?: string };
    if (e.code === 'LC409') throw new AddRefused(e.message as AddRefusal, Number(e.detail ?? 0));
    throw error;
  }
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
