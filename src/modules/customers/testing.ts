/** Test builders of the customers module: accounts written straight to its table (test data only). */
import type { Db } from '../../app/database.ts';
import { newId } from '../../app/ids.ts';
import { hashPassword } from '../identity/index.ts';

/** A customer with an email and password (registration skipped); returns its id. */
export async function buildCustomer(
  db: Db,
  input: { email: string; password: string; name?: string; phone?: string },
): Promise<{ customerId: string }> {
  const customerId = newId('cus');
  await db`insert into customers (id, email, phone, name, password_hash)
    values (${customerId}, ${input.email.toLowerCase()}, ${input.phone ?? null}, ${input.name ?? ''},
            ${await hashPassword(input.password)})`;
  return { customerId };
}
