/** Errors of the identity module. */
import { DomainError } from '../../app/errors.ts';

/** The one answer for every failed password login, so it never tells whether an account exists. */
export function invalidCredentials(): DomainError {
  return new DomainError('invalid_credentials', 401, 'The email or password is incorrect.');
}
