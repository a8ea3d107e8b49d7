import { describe, expect, it } from 'vitest';
import { freePort } from '../../test/free-port.ts';
import { createTestDatabase } from '../../test/support.ts';
import { connect, databaseStatus, reportDatabaseError, withTransaction } from './database.ts';
import { isDatabaseUnavailable } from './database-pool.ts';

describe('a transaction whose connection is lost', () => {
  // With the bare driver (postgres 3.4.9) this very sequence ends the process: the driver sends
  // ROLLBACK to the closed connection from a timer, `socket.write` on null, an uncaught TypeError.
  it('fails as a lost connection, and the pool goes on serving', async () => {
    const { sql: killer, url } = await createTestDatabase();
    const sql = connect(url, { max: 4 });
    try {
      for (let round = 0; round < 3; round++) {
        const outcome = withTransaction(sql, async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          await killer`select pg_terminate_backend(${row!.pid})`;
          await tx`select 1`;
        });
        // Which comes first is a race the machine's load decides: the closed socket
        // (CONNECTION_CLOSED), or the server's own "terminating connection" answer (57P01).
        const error = await outcome.then(
          () => undefined,
          (e: { code?: string }) => e,
        );
        expect(['CONNECTION_CLOSED', '57P01']).toContain(error?.code);
        // Other queries meanwhile reuse the pool's connections, the closed one included.
        await Promise.all(Array.from({ length: 6 }, () => sql`select 1`.catch(() => undefined)));
      }
      const [row] = await sql<{ x: number }[]>`select 1 as x`;
      expect(row!.x).toBe(1);
      expect(databaseStatus(sql).isAvailable).toBe(true);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

describe('a database that cannot be reached', () => {
  it('is reported once, then every query fails at once as unavailable', async () => {
    const lines: string[] = [];
    const sql = connect(`postgres://nobody:secret@127.0.0.1:${await freePort()}/none`, {
      log: (line) => lines.push(line),
    });
    try {
      const first = await sql`select 1`.catch((error: unknown) => error);
      expect(isDatabaseUnavailable(first)).toBe(true);
      reportDatabaseError(sql, first);
      while (databaseStatus(sql).isAvailable) await new Promise((r) => setTimeout(r, 20));
      const refused = await Promise.all(
        Array.from({ length: 20 }, () => sql`select 1`.catch((error: unknown) => error)),
      );
      expect(refused.every((error) => isDatabaseUnavailable(error))).toBe(true);
      expect(refused[0]).toMatchObject({ code: 'CONNECTION_ENDED' });
      expect(lines).toEqual([expect.stringMatching(/^database unavailable \(ECONNREFUSED/)]);
      expect(databaseStatus(sql).retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await sql.end({ timeout: 0 });
    }
  });
});

describe('a renewed pool', () => {
  it('keeps listening to the channels listened to before', async () => {
    const { url } = await createTestDatabase();
    const sql = connect(url, { max: 2 });
    try {
      const received: string[] = [];
      let listening = 0;
      await sql.listen(
        'pool_test',
        (value) => received.push(value),
        () => listening++,
      );
      reportDatabaseError(sql, Object.assign(new Error('lost'), { code: 'CONNECTION_CLOSED' }));
      while (listening < 2) await new Promise((r) => setTimeout(r, 20));
      await sql.notify('pool_test', 'after renewal');
      while (!received.includes('after renewal')) await new Promise((r) => setTimeout(r, 20));
      expect(databaseStatus(sql).isAvailable).toBe(true);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('tells a lost or refused database from a query the database refused', () => {
    for (const code of ['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', '57P01', '57P03', '08006'])
      expect(isDatabaseUnavailable({ code })).toBe(true);
    for (const code of ['23505', '40001', '42P01', undefined])
      expect(isDatabaseUnavailable({ code })).toBe(false);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
  });
});
