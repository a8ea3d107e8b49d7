import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { AppCaches } from './app-caches.ts';
import { loadConfig } from './config.ts';
import { connect, type Sql } from './database.ts';
import { consumeEvents, eventConsumerJob, retryDelaySeconds } from './event-consumers.ts';
import { recordEvent } from './events.ts';
import {
  createTestEffectsTable,
  effectsOf,
  startAfterEarlierEvents,
  testConsumer,
  waitUntilEventsSettle,
} from './events-testing.ts';
import { createMemoryRateLimiter } from './rate-limit.ts';

let sql: Sql;
let url: string;
beforeAll(async () => {
  ({ sql, url } = await createTestDatabase());
  await createTestEffectsTable(sql);
});

/** Records one `test.happened` event per aggregate id, each in its own transaction. */
async function record(...aggregateIds: string[]) {
  for (const id of aggregateIds) await recordEvent(sql, 'test.happened', id, {});
}

async function retryOf(consumer: string, aggregateId: string) {
  const [row] = await sql<
    { attempts: number; last_error: string; delay_seconds: number; event_id: number }[]
  >`select attempts, last_error, event_id,
           extract(epoch from next_attempt_at - last_failed_at)::float8 as delay_seconds
      from event_retries where consumer = ${consumer} and aggregate_id = ${aggregateId}`;
  return row;
}

/** True when a session of this test database waits for a row lock (a consumer run behind another). */
async function someoneWaitsForALock(): Promise<boolean> {
  const [row] = await sql<{ waiting: boolean }[]>`
    select exists (select 1 from pg_locks l join pg_stat_activity a on a.pid = l.pid
                    where not l.granted and a.datname = current_database()) as waiting`;
  return row!.waiting;
}

/** Makes every waiting retry of `consumer` due now (instead of waiting for its back-off). */
async function makeRetriesDue(consumer: string) {
  await sql`update event_retries set next_attempt_at = now() - interval '1 second' where consumer = ${consumer}`;
}

describe('consumeEvents', () => {
  it('hands at most batchSize events per run and resumes after the last one, even inside a transaction', async () => {
    // given seven events, four of them written by one transaction
    const consumer = testConsumer('batches');
    await startAfterEarlierEvents(sql, consumer);
    await sql.begin(async (tx) => {
      for (const id of ['b1', 'b2', 'b3', 'b4']) await recordEvent(tx, 'test.happened', id, {});
    });
    await record('b5', 'b6', 'b7');
    await waitUntilEventsSettle(sql);

    // when the consumer runs with batches of three
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await consumeEvents(sql, consumer, { batchSize: 3 }));

    // then each run takes at most three, in order, each event once, and says when more wait
    expect(runs.map((r) => [r.handled, r.more])).toEqual([
      [3, true],
      [3, true],
      [1, false],
      [0, false],
    ]);
    expect(Math.max(...consumer.batchSizes)).toBe(3);
    expect(await effectsOf(sql, consumer.name)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7']);
  });

  it('retries a failing event with back-off while the others go on, then dead-letters it', async () => {
    // given a consumer that cannot handle one event among others
    const consumer = testConsumer('retries');
    await startAfterEarlierEvents(sql, consumer);
    consumer.failing.add('bad');
    await record('good-1', 'bad', 'good-2');
    await waitUntilEventsSettle(sql);

    // when it runs: the others are handled, the bad one waits 10 s for its second attempt
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 2, failed: 1, deadLettered: 0 });
    expect(await effectsOf(sql, consumer.name)).toEqual(['good-1', 'good-2']);
    expect(await retryOf(consumer.name, 'bad')).toMatchObject({
      attempts: 1,
      last_error: 'Error: cannot handle bad',
      delay_seconds: 10,
    });
    // not before it is due
    const calls = consumer.batchSizes.length;
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 0, failed: 0 });
    expect(consumer.batchSizes).toHaveLength(calls);

    // each later attempt waits four times longer, and new events keep flowing meanwhile
    for (const attempt of [2, 3, 4]) {
      await record(`good-${attempt + 1}`);
      await makeRetriesDue(consumer.name);
      await waitUntilEventsSettle(sql);
      expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 1, failed: 1 });
      expect(await retryOf(consumer.name, 'bad')).toMatchObject({
        attempts: attempt,
        delay_seconds: retryDelaySeconds(attempt),
      });
    }
    expect([10, 40, 160, 640]).toEqual([1, 2, 3, 4].map(retryDelaySeconds));

    // the fifth failure is the last: the event becomes a dead letter and the consumer moves on
    const { event_id: eventId } = (await retryOf(consumer.name, 'bad'))!;
    await makeRetriesDue(consumer.name);
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 0, failed: 0, deadLettered: 1 });
    expect(await retryOf(consumer.name, 'bad')).toBeUndefined();
    const letters = await sql`
      select consumer, event_id, event_type, aggregate_id, payload, error, attempts,
             first_failed_at < last_failed_at as spans_attempts
        from dead_letter_events where consumer = ${consumer.name}`;
    expect(letters).toEqual([
      {
        consumer: 'retries',
        event_id: eventId,
        event_type: 'test.happened',
        aggregate_id: 'bad',
        payload: {},
        error: 'Error: cannot handle bad',
        attempts: 5,
        spans_attempts: true,
      },
    ]);
    expect(await effectsOf(sql, consumer.name)).toEqual(['good-1', 'good-2', 'good-3', 'good-4', 'good-5']);
  });

  it('holds an ordered consumer behind its failing event, with back-off, then resumes in order', async () => {
    const consumer = testConsumer('ordered', { ordered: true });
    await startAfterEarlierEvents(sql, consumer);
    consumer.failing.add('o2');
    await record('o1', 'o2', 'o3');
    await waitUntilEventsSettle(sql);

    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 1, failed: 1 });
    expect(await effectsOf(sql, consumer.name)).toEqual(['o1']);
    // While o2 waits for its retry, later events stay back and the handler is not called at all.
    await record('o4');
    await waitUntilEventsSettle(sql);
    const calls = consumer.batchSizes.length;
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 0, more: false });
    expect(consumer.batchSizes).toHaveLength(calls);

    consumer.failing.clear();
    await makeRetriesDue(consumer.name);
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 3, failed: 0 });
    expect(await effectsOf(sql, consumer.name)).toEqual(['o1', 'o2', 'o3', 'o4']);
  });

  it('handles every event exactly once when two instances race for the same consumer', async () => {
    // given 40 settled events, one of which always fails, and a second instance's connection pool
    const base = testConsumer('race');
    await startAfterEarlierEvents(sql, base);
    const ids = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    base.failing.add('r13');
    await record(...ids);
    await waitUntilEventsSettle(sql);
    const other = connect(url, { max: 4 });
    afterAll(() => other.end({ timeout: 5 }));
    // The first handler call waits at a gate, so the second instance's run starts meanwhile.
    let calls = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const consumer: typeof base = {
      ...base,
      async handle(events, tx) {
        if (++calls === 1) await gate;
        await base.handle(events, tx);
      },
    };
    const options = { batchSize: 7, maxAttempts: 1 };

    // when one instance is inside its run and the other starts one (it must wait, not read the
    // same events), and then both drain the rest at once
    const first = consumeEvents(sql, consumer, options);
    await expect.poll(() => calls).toBe(1);
    const second = consumeEvents(other, consumer, options);
    await expect.poll(async () => calls > 1 || (await someoneWaitsForALock())).toBe(true);
    openGate();
    const drain = async (pool: Sql) => {
      const results = [];
      for (;;) {
        const result = await consumeEvents(pool, consumer, options);
        results.push(result);
        if (!result.more) return results;
      }
    };
    const all = [await first, await second, ...(await Promise.all([drain(sql), drain(other)])).flat()];

    // then every event's effect exists once, and the failing one is one dead letter
    expect(all.reduce((n, r) => n + r.handled, 0)).toBe(39);
    expect(all.reduce((n, r) => n + r.deadLettered, 0)).toBe(1);
    const effects = await effectsOf(sql, consumer.name);
    expect(effects).toHaveLength(39);
    expect(new Set(effects).size).toBe(39);
    expect(effects).not.toContain('r13');
    const [letters] = await sql<{ n: number }[]>`
      select count(*)::int as n from dead_letter_events where consumer = ${consumer.name} and aggregate_id = 'r13'`;
    expect(letters!.n).toBe(1);
  });

  it('runs as a job that takes batch after batch while a backlog lasts', async () => {
    const consumer = testConsumer('job');
    await startAfterEarlierEvents(sql, consumer);
    await record('j1', 'j2', 'j3', 'j4', 'j5');
    await waitUntilEventsSettle(sql);
    const job = eventConsumerJob(consumer, { batchSize: 2 });
    expect(job.name).toBe('events.job');

    const deps = {
      sql,
      config: loadConfig({}),
      rateLimiter: createMemoryRateLimiter(),
      caches: new AppCaches(),
    };
    expect(await job.run(deps)).toBe(5);
    expect(consumer.batchSizes).toEqual([2, 2, 1]);
  });
});
