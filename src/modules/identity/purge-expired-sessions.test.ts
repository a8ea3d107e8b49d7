import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { newId } from '../../app/ids.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';
import { createSession, findSession } from './sessions.ts';

const { sql } = await createTestDatabase();

describe('purgeExpiredSessions', () => {
  it('deletes expired sessions and stale codes and keeps live ones', async () => {
    const live = await createSession(sql, { kind: 'shopper' });
    const old = await createSession(sql, { kind: 'shopper' });
    await sql`update sessions set expires_at = now() - interval '1 minute' where token_hash = ${old.session.tokenHash}`;
    await sql`insert into one_time_codes (id, phone, purpose, code_hash, expires_at, created_at)
      values (${newId('otp')}, '13900000000', 'login', 'x', now() - interval '2 days', now() - interval '2 days')`;
    const purged = await purgeExpiredSessions(sql);
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.codes).toBeGreaterThanOrEqual(1);
    expect(await findSession(sql, live.token)).not.toBeNull();
    const [row] =
      await sql`select count(*)::int as n from sessions where token_hash = ${old.session.tokenHash}`;
    expect(row!.n).toBe(0);
  });
});
