/** Test builders of the customers module: accounts written straight to its table (test data only). */
import type { Db } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { hashPassword } from '../identity/index.ts';

/**
 * A customer (registration skipped); returns its id. The email defaults to `<id>@example.com`;
 * without a password the account signs in by phone code only.
 */
export async function buildCustomer(
  db: Db,
  input: { email?: string; password?: string; name?: string; phone?: string | null } = {},
): Promise<{ customerId: string }> {
  const customerId = newId('cus');
  const email = (input.email ?? `${customerId}@example.com`).toLowerCase();
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  await db`insert into customers (id, email, phone, name, password_hash)
    values (${customerId}, ${email}, ${input.phone ?? null}, ${input.name ?? ''}, ${passwordHash})`;
  return { customerId };
}
