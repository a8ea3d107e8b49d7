import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support.ts';
import { connect } from '../../app/database.ts';
import { sessionCacheOf } from './session-cache.ts';
import { createSession, findSession, revokeCustomerSessions, revokeSession } from './sessions.ts';

const { sql, url } = await createTestDatabase();
/** A second instance of the shop: its own pool (and session cache) on the same database. */
const other = connect(url, { max: 2 });
afterAll(() => other.end({ timeout: 5 }));

async function listening(db: typeof sql) {
  const cache = sessionCacheOf(db)!;
  // Cached only once the NOTIFY listener is connected.
  for (let i = 0; i < 100 && !(cache as unknown as { notified: boolean }).notified; i++)
    await new Promise((r) => setTimeout(r, 20));
  return cache;
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  return condition();
}

describe('session cache', () => {
  it('answers a known shopper session without a query, and forgets it at once on sign-out', async () => {
    const cache = await listening(sql);
    const { token, session } = await createSession(sql, { kind: 'shopper' });
    expect(await findSession(sql, token)).toMatchObject({ tokenHash: session.tokenHash });
    expect(cache.get(session.tokenHash)).toBeDefined();
    await revokeSession(sql, session.tokenHash);
    expect(await findSession(sql, token)).toBeNull();
  });

  it('forgets a session another instance revoked', async () => {
    const cache = await listening(sql);
    await listening(other);
    const { token, session } = await createSession(sql, { kind: 'shopper' });
    await findSession(sql, token);
    expect(cache.get(session.tokenHash)).toBeDefined();
    await revokeSession(other, session.tokenHash);
    expect(await until(() => cache.get(session.tokenHash) === undefined)).toBe(true);
    expect(await findSession(sql, token)).toBeNull();
  });

  it("forgets a customer's sessions revoked elsewhere, and many at once by a purge", async () => {
    const cache = await listening(sql);
    const [customer] = await sql<{ id: string }[]>`select id from customers limit 1`;
    const { token, session } = await createSession(sql, { kind: 'shopper', customerId: customer!.id });
    await findSession(sql, token);
    await revokeCustomerSessions(other, customer!.id);
    expect(await until(() => cache.get(session.tokenHash) === undefined)).toBe(true);

    const many = await Promise.all(Array.from({ length: 60 }, () => createSession(sql, { kind: 'shopper' })));
    for (const m of many) await findSession(sql, m.token);
    await other`delete from sessions where token_hash in ${other(many.map((m) => m.session.tokenHash))}`;
    expect(await until(() => many.every((m) => cache.get(m.session.tokenHash) === undefined))).toBe(true);
  });

  it('never keeps staff sessions', async () => {
    await listening(sql);
    const [staff] = await sql<{ id: string }[]>`select id from staff_users limit 1`;
    const { token, session } = await createSession(sql, { kind: 'staff', staffId: staff!.id });
    await findSession(sql, token);
    expect(sessionCacheOf(sql)!.get(session.tokenHash)).toBeUndefined();
  });
});
