/** Lists a customer's own addresses, the default first. */
import type { Db } from '../../../app/database.ts';
import { type Address, selectAddress } from './get-address.ts';

/** Every address of `customerId`: default first, then newest. */
export function listAddresses(db: Db, customerId: string): Promise<Address[]> {
  return db<Address[]>`select ${selectAddress(db)} from addresses where customer_id = ${customerId}
    order by is_default desc, created_at desc, id`;
}
