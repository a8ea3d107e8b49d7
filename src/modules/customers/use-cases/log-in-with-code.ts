/** Checks a phone's one-time login code; a first login opens the account. */
import { timingSafeEqual } from 'node:crypto';
import { type Db, withTransaction } from '../../../app/database.ts';
import { DomainError } from '../../../app/errors.ts';
import { newId } from '../../../app/ids.ts';
import type { RateLimiter } from '../../../app/rate-limit.ts';
import { limitCodeVerification, normalisePhone } from '../../identity/index.ts';
import { hashLoginCode, LOGIN_CODE_MAX_ATTEMPTS } from './request-login-code.ts';

type Outcome = { customerId: string } | 'invalid' | 'exhausted';

/**
 * Returns the customer of `phone` (created on first login) when `code` matches its latest live
 * code. A code allows 5 attempts and one success; afterwards it is dead (401 either way). Checks
 * are rate limited per phone and address.
 */
export async function logInWithCode(
  deps: { db: Db; rateLimiter: RateLimiter },
  input: { phone: string; code: string; ip: string },
): Promise<{ customerId: string }> {
  const { db } = deps;
  await limitCodeVerification(deps.rateLimiter, input);
  const phone = normalisePhone(input.phone);
  // The attempt is counted in its own committed transaction, before any error is thrown.
  const outcome = await withTransaction(db, async (tx): Promise<Outcome> => {
    const [live] = await tx<{ id: string; code_hash: string; attempts: number }[]>`
      select id, code_hash, attempts from one_time_codes
       where phone = ${phone} and purpose = 'login' and consumed_at is null and expires_at > now()
       order by created_at desc limit 1 for update`;
    if (!live) return 'invalid';
    if (live.attempts >= LOGIN_CODE_MAX_ATTEMPTS) return 'exhausted';
    await tx`update one_time_codes set attempts = attempts + 1 where id = ${live.id}`;
    if (!sameHash(live.code_hash, hashLoginCode(live.id, input.code))) {
      return live.attempts + 1 >= LOGIN_CODE_MAX_ATTEMPTS ? 'exhausted' : 'invalid';
    }
    await tx`update one_time_codes set consumed_at = now() where id = ${live.id}`;
    return { customerId: await findOrCreateByPhone(tx, phone) };
  });
  if (outcome === 'invalid') throw new DomainError('invalid_code', 401, 'The code is wrong or has expired.');
  if (outcome === 'exhausted')
    throw new DomainError('code_attempts_exhausted', 401, 'Too many wrong codes; request a new one.');
  return outcome;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function findOrCreateByPhone(db: Db, phone: string): Promise<string> {
  await db`insert into customers (id, phone) values (${newId('cus')}, ${phone}) on conflict (phone) do nothing`;
  const [row] = await db<{ id: string }[]>`select id from customers where phone = ${phone}`;
  return row!.id;
}
