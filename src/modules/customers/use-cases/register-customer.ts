/**
 * Registration by email and password without telling whether the address has an account
 * (decision 0007). Both answers are "check your email", at the same cost (one argon2 hash, one
 * email): a new address gets a link that opens the account (`confirmRegistration`), the owner of
 * an existing one is told that someone tried, and their account does not change.
 */
import { type Db, withTransaction } from '../../../app/database.ts';
import { badRequest } from '../../../app/errors.ts';
import { badFormatIssue } from '../../../app/field-issues.ts';
import { newSecret } from '../../../app/ids.ts';
import {
  hashPassword,
  hashToken,
  isValidEmail,
  limitRegistration,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
} from '../../identity/index.ts';
import {
  cannotDeliver,
  type MessageLocale,
  type OutgoingMessage,
  recordMessage,
  SECRET_PLACEHOLDER,
} from '../../notifications/index.ts';
import type { AccountDeps } from '../account-deps.ts';

export const REGISTRATION_LINK_HOURS = 24;

export interface RegisterCustomerInput {
  email: string;
  password: string;
  name: string;
  /** The client's address, for the registration rate limit. */
  ip: string;
  /** The language of the request: the confirmation email's, and the new account's preference. */
  locale: MessageLocale;
}

/** The one answer to every registration. */
export interface RegistrationAnswer {
  status: 'check_email';
}

/**
 * Validates the form, then emails the address: a link to finish for a new address, a notice for
 * an existing account. 503 `email_unavailable` (for every address alike) when no email can be sent.
 */
export async function registerCustomer(
  deps: AccountDeps,
  input: RegisterCustomerInput,
): Promise<RegistrationAnswer> {
  const email = normaliseEmail(input.email);
  checkRegistration(email, input.password);
  if (!deps.notifier.canDeliver('email')) throw cannotDeliver('email');
  await limitRegistration(deps.rateLimiter, { ip: input.ip, email });
  // Hashed whether or not it is kept, so both answers cost the same argon2 work.
  const passwordHash = await hashPassword(input.password);
  const message = await withTransaction(deps.db, async (tx) => {
    const [existing] = await tx<
      { locale: MessageLocale }[]
    >`select locale from customers where email = ${email}`;
    // The owner is told in the language of their account, not of whoever tried.
    if (existing) return tellOwner(tx, { email, locale: existing.locale }, deps.publicUrl);
    const request = { email, name: input.name.trim(), passwordHash, locale: input.locale };
    return requestConfirmation(tx, request, deps.publicUrl);
  });
  await deps.notifier.deliver(message);
  return { status: 'check_email' };
}

function checkRegistration(email: string, password: string) {
  if (!isValidEmail(email))
    throw badRequest('invalid_email', 'Enter a valid email address.', [
      badFormatIssue('email', 'email', 'is not a valid email address'),
    ]);
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    throw badRequest('weak_password', `Use ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`, [
      {
        field: 'password',
        code: 'length_between',
        params: { minimum: MIN_PASSWORD_LENGTH, maximum: MAX_PASSWORD_LENGTH },
        message: `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      },
    ]);
}

async function requestConfirmation(
  tx: Db,
  request: { email: string; name: string; passwordHash: string; locale: MessageLocale },
  publicUrl: string,
): Promise<OutgoingMessage> {
  const token = newSecret();
  // One pending request per address: a new registration replaces the link of an earlier one.
  await tx`insert into registration_requests (email, name, password_hash, token_hash, expires_at, locale)
    values (${request.email}, ${request.name}, ${request.passwordHash}, ${hashToken(token)},
            now() + make_interval(hours => ${REGISTRATION_LINK_HOURS}), ${request.locale})
    on conflict (email) do update set name = excluded.name, password_hash = excluded.password_hash,
      token_hash = excluded.token_hash, expires_at = excluded.expires_at, locale = excluded.locale,
      created_at = now()`;
  return recordMessage(tx, {
    kind: 'registration.confirm',
    locale: request.locale,
    recipient: request.email,
    params: {
      name: request.name,
      link: `${publicUrl}/register/confirm?token=${SECRET_PLACEHOLDER}`,
      hours: REGISTRATION_LINK_HOURS,
    },
    secret: token,
  });
}

function tellOwner(
  tx: Db,
  owner: { email: string; locale: MessageLocale },
  publicUrl: string,
): Promise<OutgoingMessage> {
  return recordMessage(tx, {
    kind: 'registration.account_exists',
    locale: owner.locale,
    recipient: owner.email,
    params: { loginUrl: `${publicUrl}/login` },
  });
}
