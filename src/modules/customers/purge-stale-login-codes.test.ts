import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { newId } from '../../app/ids.ts';
import { purgeStaleLoginCodes } from './purge-stale-login-codes.ts';

const { sql } = await createTestDatabase();

describe('purgeStaleLoginCodes', () => {
  it('deletes codes older than a day and keeps fresh ones', async () => {
    const insert = (
      age: string,
    ) => sql`insert into one_time_codes (id, phone, purpose, code_hash, expires_at, created_at)
      values (${newId('otp')}, '13900000000', 'login', 'x', now() - ${age}::interval, now() - ${age}::interval)`;
    await insert('2 days');
    await insert('1 minute');
    expect(await purgeStaleLoginCodes(sql)).toBe(1);
    const [row] = await sql`select count(*)::int as n from one_time_codes where phone = '13900000000'`;
    expect(row!.n).toBe(1);
  });
});
