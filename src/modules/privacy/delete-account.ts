/**
 * Deletes a customer's account for good (the right to erasure): personal data is erased or
 * irreversibly anonymised in every table in one transaction; orders stay for accounting with
 * their personal fields blanked and no link to the customer.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { forgetAccountDevices } from '../identity/index.ts';
import { forgetShopper } from '../recommendations/index.ts';
import { erasePersonalData, lockIdentifiers } from './db/personal-data-repository.ts';

/** Erases `customerId` (404 when the account is already gone). */
export async function deleteAccount(db: Db, customerId: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    const ids = await lockIdentifiers(tx, customerId);
    if (!ids) throw notFound('customer');
    await forgetShopper(tx, customerId);
    await forgetAccountDevices(tx, customerId);
    await erasePersonalData(tx, customerId, ids);
  });
}
