/** Test builders for carts: a guest or a signed-in customer (bearer token) with lines in their cart. */
import type { Sql } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { buildCustomer } from '../customers/testing.ts';
import { createSession } from '../identity/index.ts';

/** A guest session (bearer token) whose cart holds `lines`. */
export async function buildGuestWithCart(
  sql: Sql,
  lines: { variantId: string; quantity: number }[],
): Promise<{ token: string; tokenHash: string }> {
  const { token, session } = await createSession(sql, { kind: 'shopper' });
  await fillCart(sql, { sessionTokenHash: session.tokenHash }, lines);
  return { token, tokenHash: session.tokenHash };
}

/** A signed-in customer (bearer token) whose cart holds `lines`. */
export async function buildCustomerWithCart(
  sql: Sql,
  lines: { variantId: string; quantity: number }[],
): Promise<{ token: string; customerId: string }> {
  const { customerId } = await buildCustomer(sql, { name: 'Test' });
  const { token } = await createSession(sql, { kind: 'shopper', customerId });
  await fillCart(sql, { customerId }, lines);
  return { token, customerId };
}

async function fillCart(
  sql: Sql,
  owner: { customerId: string } | { sessionTokenHash: string },
  lines: { variantId: string; quantity: number }[],
) {
  if (lines.length === 0) return;
  const cartId = newId('cart');
  await sql`insert into carts (id, customer_id, session_token_hash)
            values (${cartId}, ${'customerId' in owner ? owner.customerId : null},
                    ${'sessionTokenHash' in owner ? owner.sessionTokenHash : null})`;
  for (const line of lines) {
    await sql`insert into cart_lines (cart_id, variant_id, quantity) values (${cartId}, ${line.variantId}, ${line.quantity})`;
  }
}
