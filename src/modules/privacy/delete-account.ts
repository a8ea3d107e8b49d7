/**
 * Deletes a customer's account for good (the right to erasure): every module that holds personal
 * data erases or irreversibly anonymises its part, all in one transaction; orders stay for
 * accounting with their personal fields blanked and no link to the customer.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { findDataSubject } from '../customers/index.ts';
import { personalDataHolders } from './personal-data-holders.ts';

/** Erases `customerId` (404 when the account is already gone). */
export async function deleteAccount(db: Db, customerId: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    // The locked account row makes a concurrent deletion wait, then find nothing (404).
    const subject = await findDataSubject(tx, customerId, { forUpdate: true });
    if (!subject) throw notFound('customer');
    // Top layer first: a module erases while the modules below it still know the subject
    // (payments asks orders which orders are theirs), and the account row goes near the end.
    for (const holder of [...personalDataHolders()].reverse()) await holder.erase?.(tx, subject);
  });
}
