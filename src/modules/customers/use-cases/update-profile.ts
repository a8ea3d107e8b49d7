/** Changes what a customer may change about themselves without re-verification (their name). */
import type { Db } from '../../../app/database.ts';
import { notFound } from '../../../app/errors.ts';
import { type CustomerProfile, getCustomerProfile } from './get-customer-profile.ts';

export interface UpdateProfileInput {
  name?: string;
}

/** Updates the given fields of the customer's own profile and returns it. */
export async function updateProfile(
  db: Db,
  customerId: string,
  input: UpdateProfileInput,
): Promise<CustomerProfile> {
  if (input.name !== undefined) {
    const rows = await db`update customers set name = ${input.name.trim()}, updated_at = now()
      where id = ${customerId} returning 1`;
    if (rows.length === 0) throw notFound('customer');
  }
  return getCustomerProfile(db, customerId);
}
