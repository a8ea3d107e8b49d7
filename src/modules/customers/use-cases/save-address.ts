/** Creates or updates one of a customer's own addresses, and makes it the default on request. */
import { type Db, type Tx, withTransaction } from '../../../app/database.ts';
import { conflict } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import { checkAddress } from '../address-rules.ts';
import { type Address, type AddressFields, getAddress } from './get-address.ts';

export const MAX_ADDRESSES = 50;

export interface SaveAddressInput extends Partial<AddressFields> {
  /** Absent: create. Present: update that address (404 unless the customer owns it). */
  id?: string;
  isDefault?: boolean;
}

/**
 * Saves the address and returns it. Creating needs recipient, phone, province, city and line1;
 * the first address becomes the default. Setting `isDefault` clears the customer's other default.
 */
export async function saveAddress(db: Db, customerId: string, input: SaveAddressInput): Promise<Address> {
  input = checkAddressInput(input);
  return withTransaction(db, async (tx) => {
    // Serialise this customer's address writes so there is only ever one default.
    await tx`select id from customers where id = ${customerId} for update`;
    const id = input.id
      ? await updateAddress(tx, customerId, input.id, input)
      : await createAddress(tx, customerId, input);
    if (input.isDefault) {
      await tx`update addresses set is_default = (id = ${id}) where customer_id = ${customerId}`;
    }
    return getAddress(tx, customerId, id);
  });
}

/**
 * Trims the fields and refuses what the one address rule set refuses (`address-rules.ts`, 400
 * `validation_failed` naming each field); a new address must be complete.
 */
function checkAddressInput(input: SaveAddressInput): SaveAddressInput {
  return { ...input, ...checkAddress(input, { complete: !input.id }) };
}

async function createAddress(tx: Tx, customerId: string, input: SaveAddressInput): Promise<string> {
  const [count] = await tx<
    { n: number }[]
  >`select count(*)::int as n from addresses where customer_id = ${customerId}`;
  const n = count?.n ?? 0;
  if (n >= MAX_ADDRESSES) throw conflict('address_limit', `At most ${MAX_ADDRESSES} addresses per account.`);
  const id = newId('adr');
  await tx`insert into addresses (id, customer_id, recipient, phone, country, province, city, district, line1, postal_code, is_default)
    values (${id}, ${customerId}, ${input.recipient!}, ${input.phone!}, ${input.country ?? 'CN'}, ${input.province!},
            ${input.city!}, ${input.district ?? ''}, ${input.line1!}, ${input.postalCode ?? ''}, ${n === 0})`;
  return id;
}

async function updateAddress(
  tx: Tx,
  customerId: string,
  id: string,
  input: SaveAddressInput,
): Promise<string> {
  const current = await getAddress(tx, customerId, id);
  const next = { ...current, ...definedOnly(input) };
  await tx`update addresses set recipient = ${next.recipient}, phone = ${next.phone}, country = ${next.country},
      province = ${next.province}, city = ${next.city}, district = ${next.district}, line1 = ${next.line1},
      postal_code = ${next.postalCode}
    where id = ${id} and customer_id = ${customerId}`;
  return id;
}

function definedOnly(input: SaveAddressInput): Partial<AddressFields> {
  const out: Partial<AddressFields> = {};
  for (const key of [
    'recipient',
    'phone',
    'country',
    'province',
    'city',
    'district',
    'line1',
    'postalCode',
  ] as const) {
    if (input[key] !== undefined) out[key] = input[key];
  }
  return out;
}
