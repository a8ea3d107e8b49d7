/** Sends a one-time login code to a phone by SMS (through the notifications outbox). */
import { createHash, randomInt } from 'node:crypto';
import { type Db, withTransaction } from '../../../app/database.ts';
import { badRequest } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import { isValidPhone, normalisePhone } from '../../identity/index.ts';
import { sendNotification } from '../../notifications/index.ts';

export const LOGIN_CODE_MINUTES = 5;
export const LOGIN_CODE_MAX_ATTEMPTS = 5;

/** The stored form of a code: salted with its row id so equal codes hash differently. */
export function hashLoginCode(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('base64url');
}

/**
 * Creates a random 6-digit code for `purpose: login` valid for 5 minutes, replaces any earlier
 * live code of the phone, and queues the SMS. It behaves the same whether or not the phone has
 * an account (a code login for a new phone opens one), so callers answer identically.
 */
export async function requestLoginCode(db: Db, input: { phone: string }): Promise<void> {
  const phone = normalisePhone(input.phone);
  if (!isValidPhone(phone))
    throw badRequest('invalid_phone', 'Enter a valid phone number.', [
      { field: 'phone', message: 'is not a valid phone number' },
    ]);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = newId('otp');
  await withTransaction(db, async (tx) => {
    await tx`update one_time_codes set consumed_at = now()
      where phone = ${phone} and purpose = 'login' and consumed_at is null`;
    await tx`insert into one_time_codes (id, phone, purpose, code_hash, expires_at)
      values (${id}, ${phone}, 'login', ${hashLoginCode(id, code)},
              now() + make_interval(mins => ${LOGIN_CODE_MINUTES}))`;
    await sendNotification(tx, {
      channel: 'sms',
      recipient: phone,
      subject: 'Lantern login code',
      body: `Your Lantern login code is ${code}. It expires in ${LOGIN_CODE_MINUTES} minutes. 您的 Lantern 登录验证码：${code}，${LOGIN_CODE_MINUTES} 分钟内有效。`,
    });
  });
}
