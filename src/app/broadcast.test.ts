import { describe, expect, inject, it } from 'vitest';
import { useTestRedis } from '../../test/redis.ts';
import { createTestDatabase } from '../../test/support.ts';
import { type Broadcast, listenToPostgres, postgresBroadcast, redisBroadcast } from './broadcast.ts';
import { connect } from './database.ts';
import { connectRedis } from './redis.ts';

const { sql, url } = await createTestDatabase();

/** Collects what a subscriber hears. */
async function subscribed(broadcast: Broadcast) {
  const heard: string[] = [];
  let gaps = 0;
  const ready = await broadcast.subscribe(
    (m) => heard.push(m),
    () => gaps++,
  );
  return { heard, gaps: () => gaps, ready };
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`still not true after ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('postgresBroadcast', () => {
  it('carries a message from one instance to every instance, once each', async () => {
    const other = connect(url, { max: 2 });
    const [mine, theirs] = [postgresBroadcast(sql, 'test_channel'), postgresBroadcast(other, 'test_channel')];
    try {
      const [a, b] = [await subscribed(mine), await subscribed(theirs)];
      expect([a.ready, b.ready, a.gaps(), b.gaps()]).toEqual([true, true, 1, 1]);
      await mine.publish('changed');
      await until(() => a.heard.length > 0 && b.heard.length > 0, 'both heard it');
      await mine.publish('again');
      // Each listener hears it in its own time: wait for both, not just one.
      await until(() => a.heard.length > 1 && b.heard.length > 1, 'the second message on both');
      expect(b.heard).toEqual(['changed', 'again']);
      expect(a.heard).toEqual(['changed', 'again']);
    } finally {
      await Promise.all([mine.close(), theirs.close()]);
      await other.end();
    }
  });

  it('listens again by itself after its connection died while PostgreSQL refused connections', async () => {
    const listenerPool = connect(url, { max: 2 });
    const [row] = await sql<{ db: string }[]>`select current_database() as db`;
    const db = row!.db;
    // Only from another database may one refuse connections to this one.
    const admin = connect(inject('pgAdminUrl'), { max: 1 });
    const heard: string[] = [];
    const listener = listenToPostgres(
      listenerPool,
      'test_recovery',
      { onMessage: (m) => heard.push(m) },
      200,
    );
    try {
      expect(await listener.ready).toBe(true);
      await admin.unsafe(`alter database "${db}" allow_connections false`);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                 where datname = current_database() and query like 'listen %' and pid <> pg_backend_pid()`;
      await sql`select pg_notify('test_recovery', 'while away')`;
      // The driver's own renewal fails meanwhile.
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`alter database "${db}" allow_connections true`);
      // Messages sent while it was away are lost (its caches empty on the renewal); later ones arrive.
      await until(() => {
        sql`select pg_notify('test_recovery', 'after')`.execute();
        return heard.includes('after');
      }, 'a message after the recovery');
      expect(heard).not.toContain('while away');
    } finally {
      await admin.unsafe(`alter database "${db}" allow_connections true`);
      await admin.end();
      await listener.close();
      await listenerPool.end();
    }
  });
});

describe('the pool under the listener', () => {
  it('stops delivering after unlisten (the resilient pool keeps the driver’s own unlisten)', async () => {
    const heard: string[] = [];
    const meta = await sql.listen('test_unlisten', (m) => heard.push(m));
    await sql`select pg_notify('test_unlisten', 'one')`;
    await until(() => heard.length === 1, 'the first message');
    await meta.unlisten();
    await sql`select pg_notify('test_unlisten', 'two')`;
    await sql`select pg_notify('test_unlisten', 'three')`;
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).toEqual(['one']);
  });
});

describe('redisBroadcast', () => {
  it('carries a message between instances on the prefixed channel only', async () => {
    const { url: redisUrl, prefix } = await useTestRedis();
    const [one, two] = await Promise.all([connectRedis(redisUrl), connectRedis(redisUrl)]);
    const [mine, theirs, elsewhere] = [
      redisBroadcast(one.redis, `${prefix}changes`),
      redisBroadcast(two.redis, `${prefix}changes`),
      redisBroadcast(two.redis, `${prefix}other`),
    ];
    try {
      const [a, b, c] = [await subscribed(mine), await subscribed(theirs), await subscribed(elsewhere)];
      expect([a.ready, b.ready]).toEqual([true, true]);
      await mine.publish('changed');
      await until(() => a.heard.length > 0 && b.heard.length > 0, 'both heard it');
      expect(b.heard).toEqual(['changed']);
      expect(c.heard).toEqual([]);
    } finally {
      await Promise.all([mine.close(), theirs.close(), elsewhere.close()]);
      one.redis.disconnect();
      two.redis.disconnect();
    }
  });
});
