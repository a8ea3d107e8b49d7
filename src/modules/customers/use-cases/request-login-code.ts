/** Sends a one-time login code to a phone by SMS; the stored copy of the message has the code masked. */
import { createHash, randomInt } from 'node:crypto';
import { withTransaction } from '../../../app/database.ts';
import { badRequest } from '../../../app/errors.ts';
import { badFormatIssue } from '../../../app/field-issues.ts';
import { newId } from '../../../app/ids.ts';
import { isValidPhone, limitCodeRequest, normalisePhone } from '../../identity/index.ts';
import { cannotDeliver, type MessageLocale, recordMessage } from '../../notifications/index.ts';
import type { AccountDeps } from '../account-deps.ts';

export const LOGIN_CODE_MINUTES = 5;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

/** The stored form of a code: salted with its row id so equal codes hash differently. */
export function hashLoginCode(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('base64url');
}

/**
 * Creates a random 6-digit code for `purpose: login` valid for 5 minutes, replaces any earlier
 * live code of the phone, and sends the SMS. It behaves the same whether or not the phone has an
 * account (a code login for a new phone opens one), so callers answer identically. Without a way
 * to send SMS it is a 503 `sms_unavailable` and no code is made; rate limited per phone and address.
 */
export async function requestLoginCode(
  deps: AccountDeps,
  input: {
    phone: string;
    ip: string;
    /** The language of the request; a phone with an account gets the account's language instead. */
    locale: MessageLocale;
  },
): Promise<void> {
  const phone = normalisePhone(input.phone);
  if (!isValidPhone(phone))
    throw badRequest('invalid_phone', 'Enter a valid phone number.', [
      badFormatIssue('phone', 'phone', 'is not a valid phone number'),
    ]);
  if (!deps.notifier.canDeliver('sms')) throw cannotDeliver('sms');
  await limitCodeRequest(deps.rateLimiter, { ip: input.ip, phone });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = newId('otp');
  const message = await withTransaction(deps.db, async (tx) => {
    await tx`update one_time_codes set consumed_at = now()
      where phone = ${phone} and purpose = 'login' and consumed_at is null`;
    await tx`insert into one_time_codes (id, phone, purpose, code_hash, expires_at)
      values (${id}, ${phone}, 'login', ${hashLoginCode(id, code)},
              now() + make_interval(mins => ${LOGIN_CODE_MINUTES}))`;
    const [account] = await tx<
      { locale: MessageLocale }[]
    >`select locale from customers where phone = ${phone}`;
    return recordMessage(tx, {
      kind: 'login.code',
      locale: account?.locale ?? input.locale,
      recipient: phone,
      params: { minutes: LOGIN_CODE_MINUTES },
      secret: code,
    });
  });
  await deps.notifier.deliver(message);
}
