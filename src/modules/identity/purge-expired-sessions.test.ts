import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { purgeExpiredSessions } from './purge-expired-sessions.ts';
import { createSession, findSession } from './sessions.ts';

const { sql } = await createTestDatabase();

describe('purgeExpiredSessions', () => {
  it('deletes expired sessions and keeps live ones', async () => {
    const live = await createSession(sql, { kind: 'shopper' });
    const old = await createSession(sql, { kind: 'shopper' });
    await sql`update sessions set expires_at = now() - interval '1 minute' where token_hash = ${old.session.tokenHash}`;
    expect(await purgeExpiredSessions(sql)).toBeGreaterThanOrEqual(1);
    expect(await findSession(sql, live.token)).not.toBeNull();
    const [row] =
      await sql`select count(*)::int as n from sessions where token_hash = ${old.session.tokenHash}`;
    expect(row!.n).toBe(0);
  });
});
