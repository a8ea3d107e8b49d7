/**
 * Registration by email and password without telling whether the address has an account
 * (decision 0007). Both answers are "check your email", at the same cost (one argon2 hash, one
 * email): a new address gets a link that opens the account (`confirmRegistration`), the owner of
 * an existing one is told that someone tried, and their account does not change.
 */
import { type Db, withTransaction } from '../../../app/database.ts';
import { badRequest } from '../../../app/errors.ts';
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
import { cannotDeliver, type OutgoingMessage, recordNotification } from '../../notifications/index.ts';
import type { AccountDeps } from '../account-deps.ts';

export const REGISTRATION_LINK_HOURS = 24;

export interface RegisterCustomerInput {
  email: string;
  password: string;
  name: string;
  /** The client's address, for the registration rate limit. */
  ip: string;
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
    const [existing] = await tx`select id from customers where email = ${email}`;
    if (existing) return tellOwner(tx, email, deps.publicUrl);
    return requestConfirmation(tx, { email, name: input.name.trim(), passwordHash }, deps.publicUrl);
  });
  await deps.notifier.deliver(message);
  return { status: 'check_email' };
}

function checkRegistration(email: string, password: string) {
  if (!isValidEmail(email))
    throw badRequest('invalid_email', 'Enter a valid email address.', [
      {
        field: 'email',
        code: 'invalid_format',
        params: { format: 'email' },
        message: 'is not a valid email address',
      },
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
  request: { email: string; name: string; passwordHash: string },
  publicUrl: string,
): Promise<OutgoingMessage> {
  const token = newSecret();
  // One pending request per address: a new registration replaces the link of an earlier one.
  await tx`insert into registration_requests (email, name, password_hash, token_hash, expires_at)
    values (${request.email}, ${request.name}, ${request.passwordHash}, ${hashToken(token)},
            now() + make_interval(hours => ${REGISTRATION_LINK_HOURS}))
    on conflict (email) do update set name = excluded.name, password_hash = excluded.password_hash,
      token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`;
  const link = `${publicUrl}/register/confirm?token={secret}`;
  return recordNotification(tx, {
    channel: 'email',
    recipient: request.email,
    subject: 'Finish creating your Lantern account · 完成注册 Lantern 账户',
    body:
      `Open this link within ${REGISTRATION_LINK_HOURS} hours to finish creating your Lantern account:\n${link}\n` +
      'If you did not ask for an account, ignore this email and nothing happens.\n\n' +
      `请在 ${REGISTRATION_LINK_HOURS} 小时内打开以下链接，完成注册 Lantern 账户：\n${link}\n` +
      '如果不是您本人操作，请忽略本邮件。',
    secret: token,
  });
}

function tellOwner(tx: Db, email: string, publicUrl: string): Promise<OutgoingMessage> {
  return recordNotification(tx, {
    channel: 'email',
    recipient: email,
    subject: 'Someone tried to register with your address · 有人尝试用您的邮箱注册',
    body:
      'Someone (perhaps you) tried to create a Lantern account with this email address, but you already ' +
      `have an account. To use it, sign in at ${publicUrl}/login (with your password, or with a code ` +
      'sent to your phone if your account has one). If it was not you, ignore this email: your account ' +
      'has not changed.\n\n' +
      `有人（也许是您）尝试用这个邮箱注册 Lantern 账户，但您已经有账户了。请在 ${publicUrl}/login 登录` +
      '（用密码，或者用发到您手机的验证码）。如果不是您本人操作，请忽略本邮件，您的账户没有任何变化。',
  });
}
