/**
 * Devices that signed in to an account before (OWASP "device cookies"). At every successful
 * sign-in the browser gets a fresh random token (the `lantern_device` cookie) recorded, as its
 * SHA-256, for each account it has signed in to; a known device is exempt from the account's
 * failure limit and has a limit of its own instead. The token is rotated each time, so one planted
 * in a browser before sign-in never becomes known for the account signed in to.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { newSecret } from '../../app/ids.ts';
import { hashToken } from './sessions.ts';

/** A device unused this long is forgotten (and its cookie expires with it). */
export const KNOWN_DEVICE_DAYS = 365;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 of a well-formed device token, or null. */
export function deviceHashOf(token: string | undefined): string | null {
  return token && TOKEN.test(token) ? hashToken(token) : null;
}

/** True when `token` has signed in to `accountId` within `KNOWN_DEVICE_DAYS`. */
export async function isKnownDevice(db: Db, token: string | undefined, accountId: string): Promise<boolean> {
  const hash = deviceHashOf(token);
  if (!hash) return false;
  const [row] = await db`select 1 from known_devices
    where token_hash = ${hash} and account_id = ${accountId}
      and last_used_at > now() - make_interval(days => ${KNOWN_DEVICE_DAYS})`;
  return Boolean(row);
}

/**
 * Records a successful sign-in of `accountId` on this device and returns the new token for the
 * cookie. The accounts the presented token was known for stay known under the new token.
 */
export async function rememberDevice(
  db: Db,
  input: { presentedToken: string | undefined; accountId: string },
): Promise<string> {
  const token = newSecret();
  const hash = hashToken(token);
  const previous = deviceHashOf(input.presentedToken);
  await withTransaction(db, async (tx) => {
    if (previous) {
      await tx`update known_devices set token_hash = ${hash}, last_used_at = now()
        where token_hash = ${previous}
          and last_used_at > now() - make_interval(days => ${KNOWN_DEVICE_DAYS})`;
      await tx`delete from known_devices where token_hash = ${previous}`;
    }
    await tx`insert into known_devices (token_hash, account_id) values (${hash}, ${input.accountId})
      on conflict (token_hash, account_id) do update set last_used_at = now()`;
  });
  return token;
}

/** Forgets every device of an account (account deleted). */
export async function forgetAccountDevices(db: Db, accountId: string): Promise<void> {
  await db`delete from known_devices where account_id = ${accountId}`;
}
