/** Housekeeping of the sign-in limits: failures past every window, devices unused for a year. */
import type { Db } from '../../app/database.ts';
import { KNOWN_DEVICE_DAYS } from './known-devices.ts';

/** Deletes failures older than the hour every limit looks at, and forgotten devices; returns how many rows. */
export async function purgeLoginThrottle(db: Db): Promise<number> {
  const failures = await db`delete from login_failures where failed_at < now() - interval '1 hour'`;
  const devices = await db`delete from known_devices
    where last_used_at < now() - make_interval(days => ${KNOWN_DEVICE_DAYS})`;
  return failures.count + devices.count;
}
