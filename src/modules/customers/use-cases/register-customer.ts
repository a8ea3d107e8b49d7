/** Opens a customer account with email and password. */
import type { Db } from '../../../app/database.ts';
import { badRequest, conflict } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import {
  hashPassword,
  isValidEmail,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
} from '../../identity/index.ts';

export interface RegisterCustomerInput {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates the account (email stored lower-case, password as argon2id) and returns its id.
 * An email already registered is a 409 `email_taken`.
 */
export async function registerCustomer(
  db: Db,
  input: RegisterCustomerInput,
): Promise<{ customerId: string }> {
  const email = normaliseEmail(input.email);
  if (!isValidEmail(email))
    throw badRequest('invalid_email', 'Enter a valid email address.', [
      { field: 'email', message: 'is not a valid email address' },
    ]);
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH)
    throw badRequest('weak_password', `Use ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`, [
      { field: 'password', message: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters` },
    ]);
  const passwordHash = await hashPassword(input.password);
  const id = newId('cus');
  const rows = await db`insert into customers (id, email, name, password_hash)
    values (${id}, ${email}, ${input.name.trim()}, ${passwordHash})
    on conflict (email) do nothing returning id`;
  if (rows.length === 0)
    throw conflict('email_taken', 'An account with this email already exists; sign in instead.');
  return { customerId: id };
}
