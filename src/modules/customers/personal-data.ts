/**
 * Customers' part of a shopper's data export and erasure: the account (profile, preferences,
 * addresses) and the one-time login codes sent to their phone. It also names the data subject
 * every other module's part is about.
 */
import type { Db } from '../../app/database.ts';
import type { DataSubject, PersonalDataHolder } from '../../app/module-definition.ts';
import { getCustomerProfile } from './use-cases/get-customer-profile.ts';
import { listAddresses } from './use-cases/list-addresses.ts';

/**
 * The customer as a data subject (their id and identifiers), or null when the account is gone.
 * `forUpdate` locks the row, so an erasure and a concurrent change to the account serialise.
 */
export async function findDataSubject(
  db: Db,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<DataSubject | null> {
  const [row] = await db<{ email: string | null; phone: string | null; name: string }[]>`
    select email, phone, name from customers where id = ${customerId}
    ${options.forUpdate ? db`for update` : db``}`;
  return row ? { customerId, email: row.email, phone: row.phone, name: row.name } : null;
}

/** The stored password hash (null for accounts that sign in by phone code); null when the account is gone. */
export async function getPasswordHash(
  db: Db,
  customerId: string,
): Promise<{ passwordHash: string | null } | null> {
  const [row] = await db<{ password_hash: string | null }[]>`
    select password_hash from customers where id = ${customerId}`;
  return row ? { passwordHash: row.password_hash } : null;
}

/**
 * Exports `profile`, `preferences` and `addresses`. Erasure deletes the login codes sent to their
 * phone and then the account row, which takes its addresses, carts, consents and shopper key
 * with it (`on delete cascade`) and unlinks their orders (`on delete set null`).
 */
export const customersPersonalData: PersonalDataHolder = {
  async export(db, subject) {
    const [{ locale, theme, density, ...profile }, addresses] = await Promise.all([
      getCustomerProfile(db, subject.customerId),
      listAddresses(db, subject.customerId),
    ]);
    return { profile, preferences: { locale, theme, density }, addresses };
  },
  async erase(tx, subject) {
    if (subject.phone) await tx`delete from one_time_codes where phone = ${subject.phone}`;
    await tx`delete from customers where id = ${subject.customerId}`;
  },
};
