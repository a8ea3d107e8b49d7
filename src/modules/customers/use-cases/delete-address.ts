/** Deletes one of a customer's own addresses. */
import { type Db, withTransaction } from '../../../app/database.ts';
import { notFound } from '../../../app/errors.ts';

/**
 * Deletes the address (404 unless `customerId` owns it). When it was the default, the newest
 * remaining address becomes the default.
 */
export async function deleteAddress(db: Db, customerId: string, addressId: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    await tx`select id from customers where id = ${customerId} for update`;
    const [gone] = await tx<{ is_default: boolean }[]>`delete from addresses
      where id = ${addressId} and customer_id = ${customerId} returning is_default`;
    if (!gone) throw notFound('address');
    if (gone.is_default) {
      await tx`update addresses set is_default = true where id = (
        select id from addresses where customer_id = ${customerId} order by created_at desc, id limit 1)`;
    }
  });
}
