/** Reads one of a customer's own addresses. */
import type { Db } from '../../../app/database.ts';
import { notFound } from '../../../app/errors.ts';

export interface AddressFields {
  recipient: string;
  phone: string;
  /** ISO 3166-1 alpha-2, `CN` by default. */
  country: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode: string;
}

export interface Address extends AddressFields {
  id: string;
  isDefault: boolean;
  createdAt: Date;
}

/** Selects an address row in its domain shape. */
export function selectAddress(db: Db) {
  return db`id, recipient, phone, country, province, city, district, line1,
    postal_code as "postalCode", is_default as "isDefault", created_at as "createdAt"`;
}

/**
 * The address `addressId` when it belongs to `customerId`; otherwise 404 `address_not_found`,
 * the same for another customer's address as for an unknown id.
 */
export async function getAddress(db: Db, customerId: string, addressId: string): Promise<Address> {
  const [row] = await db<Address[]>`select ${selectAddress(db)} from addresses
    where id = ${addressId} and customer_id = ${customerId}`;
  if (!row) throw notFound('address');
  return row;
}
