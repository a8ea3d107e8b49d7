/**
 * Password sign-in throttling for shoppers and staff (decision 0007), counted in PostgreSQL so
 * every instance shares the counts and a restart forgets none:
 * - a device the account knows (it signed in before) is held only by its own limit: 10 failures an
 *   hour. The owner's browser is never locked out by what others do;
 * - from any other device, per account: at most 100 failures an hour, from all addresses together;
 * - per address and account: 5 failures free, then a wait that doubles (1 s, 2 s, 4 s … 15 min);
 * - per address: 30 failures in 10 minutes across accounts (password spraying).
 * The attempt is counted before the password is checked, under a per-account advisory lock, so
 * concurrent guesses cannot slip past a limit; a success takes its count back. A refused attempt
 * checks no password, and an unknown email is counted exactly like a known one.
 */
import { createHash } from 'node:crypto';
import { type Db, withTransaction } from '../../app/database.ts';
import { DomainError } from '../../app/errors.ts';
import { normaliseEmail } from './account-rules.ts';
import { clientAddressKey } from './client-address.ts';
import { deviceHashOf, isKnownDevice } from './known-devices.ts';
import { verifyPassword } from './passwords.ts';

export const LOGIN_LIMITS = {
  /** Failures an hour from devices the account does not know, all addresses together. */
  accountPerHour: 100,
  /** Failures an hour from one known device. */
  devicePerHour: 10,
  /** Failures from one address across accounts, per `addressWindowMinutes`. */
  addressPerWindow: 30,
  addressWindowMinutes: 10,
  /** Failures per address and account before each further attempt waits. */
  freePerAddress: 5,
  /** The longest wait between attempts from one address on one account. */
  maxBackoffSeconds: 900,
} as const;

const HOUR_MS = 3_600_000;

export interface PasswordAttempt {
  scope: 'shopper' | 'staff';
  /** The email as typed. */
  email: string;
  /** The client's address (the door passes `request.ip`). */
  ip: string;
  /** The `lantern_device` cookie, if the browser sent one. */
  deviceToken: string | undefined;
  /** The account of that email, or null when there is none. */
  accountId: string | null;
  /** Its password hash; null when unknown, without a password, or disabled. */
  passwordHash: string | null;
  password: string;
}

interface CountsRow {
  now: Date;
  device: Date[] | null;
  account: Date[] | null;
  pair: Date[] | null;
  address: Date[] | null;
}

/**
 * Checks the password under the limits above: true when it matches, false when it does not (or
 * there is no account: a dummy hash is verified, so both cost one argon2 check). Over a limit it
 * throws 429 `rate_limited` with `retryAfterSeconds`, without checking the password.
 */
export async function verifyPasswordAttempt(db: Db, attempt: PasswordAttempt): Promise<boolean> {
  const accountKey = accountKeyOf(attempt.scope, attempt.email);
  const address = clientAddressKey(attempt.ip);
  const known =
    attempt.accountId !== null && (await isKnownDevice(db, attempt.deviceToken, attempt.accountId));
  const deviceHash = known ? deviceHashOf(attempt.deviceToken) : null;
  const failureId = await countAttempt(db, { accountKey, address, deviceHash });
  const matches = await verifyPassword(attempt.passwordHash, attempt.password);
  if (!matches || !attempt.passwordHash) return false;
  await takeBackAfterSuccess(db, { failureId, accountKey, address, deviceHash });
  return true;
}

/** The key failures of one account are counted under (a hash: no readable email is stored). */
export function accountKeyOf(scope: 'shopper' | 'staff', email: string): string {
  return createHash('sha256')
    .update(`${scope}:${normaliseEmail(email)}`)
    .digest('base64url');
}

/** Refuses the attempt when over a limit, else records it as a failure (until it succeeds). */
async function countAttempt(
  db: Db,
  keys: { accountKey: string; address: string; deviceHash: string | null },
): Promise<number> {
  return withTransaction(db, async (tx) => {
    // One account's attempts take turns here, so check-then-count cannot be raced past a limit.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`login:${keys.accountKey}`}, 0))`;
    const [counts] = await tx<CountsRow[]>`
      select clock_timestamp() as now,
        array_agg(failed_at order by failed_at desc) filter (where device_hash = ${keys.deviceHash}) as device,
        array_agg(failed_at order by failed_at desc)
          filter (where account_key = ${keys.accountKey} and device_hash is null) as account,
        array_agg(failed_at order by failed_at desc)
          filter (where account_key = ${keys.accountKey} and ip = ${keys.address} and device_hash is null) as pair,
        array_agg(failed_at order by failed_at desc)
          filter (where ip = ${keys.address} and device_hash is null
                    and failed_at > clock_timestamp() - make_interval(mins => ${LOGIN_LIMITS.addressWindowMinutes})) as address
        from login_failures
       where failed_at > clock_timestamp() - interval '1 hour'
         and (account_key = ${keys.accountKey} or ip = ${keys.address} or device_hash = ${keys.deviceHash})`;
    const retryAt = refusedUntil(counts!, keys.deviceHash !== null);
    if (retryAt) throw tooManyAttempts(retryAt, counts!.now);
    const [row] = await tx<{ id: number }[]>`
      insert into login_failures (account_key, ip, device_hash, failed_at)
      values (${keys.accountKey}, ${keys.address}, ${keys.deviceHash}, clock_timestamp()) returning id`;
    return row!.id;
  });
}

/** When the attempt may be made, if it may not be made now. */
function refusedUntil(counts: CountsRow, fromKnownDevice: boolean): Date | null {
  const now = counts.now.getTime();
  const waits: number[] = [];
  const overLimit = (failures: Date[] | null, limit: number, windowMs: number) => {
    // Newest first: the count drops below the limit when the limit-th newest failure ages out.
    const edge = failures?.[limit - 1];
    if (edge) waits.push(edge.getTime() + windowMs);
  };
  if (fromKnownDevice) {
    overLimit(counts.device, LOGIN_LIMITS.devicePerHour, HOUR_MS);
  } else {
    overLimit(counts.account, LOGIN_LIMITS.accountPerHour, HOUR_MS);
    overLimit(counts.address, LOGIN_LIMITS.addressPerWindow, LOGIN_LIMITS.addressWindowMinutes * 60_000);
    const pair = counts.pair ?? [];
    if (pair.length >= LOGIN_LIMITS.freePerAddress) {
      const backoff = Math.min(
        2 ** (pair.length - LOGIN_LIMITS.freePerAddress),
        LOGIN_LIMITS.maxBackoffSeconds,
      );
      waits.push(pair[0]!.getTime() + backoff * 1000);
    }
  }
  const until = Math.max(...waits.filter((t) => t > now), 0);
  return until > 0 ? new Date(until) : null;
}

function tooManyAttempts(retryAt: Date, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new DomainError('rate_limited', 429, `Too many attempts; try again in ${retryAfterSeconds} s.`, {
    extra: { retryAfterSeconds },
  });
}

/**
 * A success is not a failure: its own count goes, and so do the failures of that address (or
 * that known device) on the account. The account's count from elsewhere stays.
 */
async function takeBackAfterSuccess(
  db: Db,
  keys: { failureId: number; accountKey: string; address: string; deviceHash: string | null },
): Promise<void> {
  await db`delete from login_failures
    where id = ${keys.failureId}
       or (account_key = ${keys.accountKey} and ip = ${keys.address} and device_hash is null
           and ${keys.deviceHash}::text is null)
       or device_hash = ${keys.deviceHash}`;
}
