import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { forgetAccountDevices, isKnownDevice, rememberDevice } from './known-devices.ts';
import { purgeLoginThrottle } from './purge-login-throttle.ts';

const { sql } = await createTestDatabase();

describe('known devices', () => {
  it('rotates the token at every sign-in and keeps the accounts the old one knew', async () => {
    const first = await rememberDevice(sql, { presentedToken: undefined, accountId: 'cus_a' });
    expect(await isKnownDevice(sql, first, 'cus_a')).toBe(true);
    const second = await rememberDevice(sql, { presentedToken: first, accountId: 'cus_b' });
    expect(second).not.toBe(first);
    expect(await isKnownDevice(sql, first, 'cus_a')).toBe(false);
    expect(await isKnownDevice(sql, second, 'cus_a')).toBe(true);
    expect(await isKnownDevice(sql, second, 'cus_b')).toBe(true);
  });

  it('never adopts a token it did not mint, and forgets an account on request', async () => {
    const planted = 'p'.repeat(43);
    const token = await rememberDevice(sql, { presentedToken: planted, accountId: 'cus_c' });
    expect(token).not.toBe(planted);
    expect(await isKnownDevice(sql, planted, 'cus_c')).toBe(false);
    await forgetAccountDevices(sql, 'cus_c');
    expect(await isKnownDevice(sql, token, 'cus_c')).toBe(false);
  });

  it('purges failures older than an hour and devices unused for a year', async () => {
    const old = await rememberDevice(sql, { presentedToken: undefined, accountId: 'cus_old' });
    await sql`update known_devices set last_used_at = now() - interval '366 days' where account_id = 'cus_old'`;
    await sql`insert into login_failures (account_key, ip, failed_at) values
      ('k', '10.0.0.1', now() - interval '61 minutes'), ('k', '10.0.0.1', now())`;
    expect(await purgeLoginThrottle(sql)).toBeGreaterThanOrEqual(2);
    expect(await isKnownDevice(sql, old, 'cus_old')).toBe(false);
    const [left] = await sql<
      { n: number }[]
    >`select count(*)::int as n from login_failures where account_key = 'k'`;
    expect(left!.n).toBe(1);
  });
});
