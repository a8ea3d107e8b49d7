import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { connect, withTransaction } from './database.ts';

/**
 * The driver must never run a plain query inside another caller's transaction. postgres 3.4.9
 * did under load (porsager/postgres#823, #1189): a plain query queued on a connection that then
 * began a transaction, so it committed or rolled back with somebody else's work, and the
 * transaction itself failed with UNSAFE_TRANSACTION. On 3.4.9 this test failed every run: two
 * UNSAFE_TRANSACTION errors and 464 of 9,030 plain inserts lost (docs/decisions/0014).
 */
describe('plain queries next to transactions on a small pool', () => {
  it('are never swallowed by a transaction that rolls back', async () => {
    const { sql: admin, url } = await createTestDatabase();
    await admin`create table if not exists isolation_probe (id serial primary key, kind text not null)`;
    // The driver pipelines up to 100 statements on a busy connection; the bug struck when BEGIN
    // was the statement that filled a pipeline. Bursts of every length around twice that (two
    // connections take turns) put BEGIN at that place on one of them.
    const sql = connect(url, { max: 2 });
    const failures: unknown[] = [];
    let plainSent = 0;
    const plainInserts = (count: number) =>
      Array.from({ length: count }, () => {
        plainSent++;
        return sql`insert into isolation_probe (kind) values ('plain')`.catch((error: unknown) => {
          failures.push(error);
        });
      });
    const rolledBackTransaction = () =>
      withTransaction(sql, async (tx) => {
        await tx`insert into isolation_probe (kind) values ('rolled back')`;
        throw new Error('roll back on purpose');
      }).catch((error: unknown) => {
        if ((error as Error).message !== 'roll back on purpose') failures.push(error);
      });
    try {
      await Promise.all(plainInserts(10));
      for (let burst = 180; burst <= 220; burst++) {
        const before = plainInserts(burst);
        const transaction = rolledBackTransaction();
        await Promise.all([...before, transaction, ...plainInserts(20)]);
      }
      const counts = await admin<{ kind: string; n: number }[]>`
        select kind, count(*)::int as n from isolation_probe group by kind order by kind`;
      expect({ failures, counts }).toEqual({ failures: [], counts: [{ kind: 'plain', n: plainSent }] });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
