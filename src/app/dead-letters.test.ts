import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import type { Sql } from './database.ts';
import { discardDeadLetter, listDeadLetters, retryDeadLetter } from './dead-letters.ts';
import { consumeEvents } from './event-consumers.ts';
import {
  createTestEffectsTable,
  effectsOf,
  failIntoDeadLetter,
  startAfterEarlierEvents,
  testConsumer,
} from './events-testing.ts';

let sql: Sql;
beforeAll(async () => {
  ({ sql } = await createTestDatabase());
  await createTestEffectsTable(sql);
});

describe('dead letters', () => {
  it('are listed with their error; a retried one is handled by its consumer, a discarded one never', async () => {
    // given two events a consumer gave up on
    const consumer = testConsumer('admin-retry');
    await startAfterEarlierEvents(sql, consumer);
    const first = await failIntoDeadLetter(sql, consumer, 'x1');
    const second = await failIntoDeadLetter(sql, consumer, 'x2');
    const listed = await listDeadLetters(sql, { page: 1 });
    expect(listed.total).toBe(2);
    expect(listed.items.map((l) => [l.id, l.aggregateId, l.error, l.attempts])).toEqual([
      [second, 'x2', 'Error: cannot handle x2', 1],
      [first, 'x1', 'Error: cannot handle x1', 1],
    ]);
    expect(listed.items[0]).toMatchObject({
      consumer: 'admin-retry',
      eventType: 'test.happened',
      payload: { note: 'about x2' },
    });

    // when the cause is fixed and staff retry the first: its consumer handles it on its next run
    consumer.failing.clear();
    await retryDeadLetter(sql, first);
    expect((await listDeadLetters(sql, { page: 1 })).items.map((l) => l.id)).toEqual([second]);
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 1, failed: 0 });
    expect(await effectsOf(sql, consumer.name)).toEqual(['x1']);
    expect(await sql`select 1 from event_retries where consumer = ${consumer.name}`).toHaveLength(0);

    // and when staff discard the second, it leaves the list, is kept as discarded and is never handled
    await discardDeadLetter(sql, { id: second, staffId: 'stf_test' });
    expect((await listDeadLetters(sql, { page: 1 })).total).toBe(0);
    const [kept] = await sql`select discarded_by from dead_letter_events where id = ${second}`;
    expect(kept).toEqual({ discarded_by: 'stf_test' });
    await expect(retryDeadLetter(sql, second)).rejects.toMatchObject({ code: 'dead_letter_not_found' });
    await expect(discardDeadLetter(sql, { id: second, staffId: 'stf_test' })).rejects.toMatchObject({
      code: 'dead_letter_not_found',
    });
    await consumeEvents(sql, consumer);
    expect(await effectsOf(sql, consumer.name)).toEqual(['x1']);
  });

  it('gives a retried event a fresh set of attempts with back-off', async () => {
    const consumer = testConsumer('admin-retry-again');
    await startAfterEarlierEvents(sql, consumer);
    const id = await failIntoDeadLetter(sql, consumer, 'y1');

    await retryDeadLetter(sql, id);
    // still failing: it waits for its second attempt instead of going straight back
    expect(await consumeEvents(sql, consumer)).toMatchObject({ handled: 0, failed: 1, deadLettered: 0 });
    const [retry] = await sql`select attempts, next_attempt_at > now() as waits from event_retries
                               where consumer = ${consumer.name}`;
    expect(retry).toEqual({ attempts: 1, waits: true });
  });

  it('refuses to retry an event whose consumer was retired', async () => {
    const consumer = testConsumer('retired');
    await startAfterEarlierEvents(sql, consumer);
    const id = await failIntoDeadLetter(sql, consumer, 'z1');
    await sql`delete from event_consumers where name = ${consumer.name}`;
    await expect(retryDeadLetter(sql, id)).rejects.toMatchObject({
      code: 'event_consumer_retired',
      status: 409,
    });
    expect((await listDeadLetters(sql, { page: 1 })).items.map((l) => l.id)).toContain(id);
  });
});
