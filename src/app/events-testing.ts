/**
 * Test helpers for the outbox: an event type only tests record, a consumer whose database effects
 * can be read back and which fails on demand, and waiting for recorded events to settle.
 */
import type { Sql } from './database.ts';
import { consumeEvents, type EventConsumer } from './event-consumers.ts';
import { recordEvent } from './events.ts';

declare module './events.ts' {
  interface EventPayloads {
    /** Recorded by tests only; `aggregateId` tells the events apart. */
    'test.happened': { note?: string };
  }
}

export interface TestConsumer extends EventConsumer<'test.happened'> {
  /** Aggregate ids whose events make `handle` throw. */
  failing: Set<string>;
  /** The size of every batch handed over, failed attempts included. */
  batchSizes: number[];
}

/**
 * A consumer of `test.happened` that writes one `test_event_effects` row per event it handles
 * (its database effect, committed only with the run) and throws for aggregates in `failing`.
 */
export function testConsumer(name: string, options: { ordered?: boolean } = {}): TestConsumer {
  const failing = new Set<string>();
  const batchSizes: number[] = [];
  return {
    name,
    types: ['test.happened'],
    ordered: options.ordered,
    failing,
    batchSizes,
    async handle(events, tx) {
      batchSizes.push(events.length);
      for (const event of events) {
        if (failing.has(event.aggregateId)) throw new Error(`cannot handle ${event.aggregateId}`);
        await tx`insert into test_event_effects (consumer, event_id, aggregate_id)
                 values (${name}, ${event.id}, ${event.aggregateId})`;
      }
    },
  };
}

/** Creates the table test consumers write to (once per test database). */
export async function createTestEffectsTable(sql: Sql): Promise<void> {
  await sql`create table if not exists test_event_effects (
    seq bigint generated always as identity primary key,
    consumer text not null,
    event_id bigint not null,
    aggregate_id text not null)`;
}

/** The aggregate ids a test consumer handled, in the order it handled them. */
export async function effectsOf(sql: Sql, consumer: string): Promise<string[]> {
  const rows = await sql<{ aggregate_id: string }[]>`
    select aggregate_id from test_event_effects where consumer = ${consumer} order by seq`;
  return rows.map((r) => r.aggregate_id);
}

/**
 * Waits until every event recorded so far is below the horizon, so a consumer run sees them all.
 * Transaction ids are cluster-wide: other test files' open transactions hold the horizon back.
 */
export async function waitUntilEventsSettle(sql: Sql): Promise<void> {
  for (let wait = 0; wait < 300; wait++) {
    const [row] = await sql<{ settled: boolean }[]>`
      select coalesce(max(txid) < pg_snapshot_xmin(pg_current_snapshot()), true) as settled from domain_events`;
    if (row!.settled) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the outbox events did not settle within 15 s: a transaction stays open');
}

/** Starts `consumer` after every event recorded so far, as if it had been running all along. */
export async function startAfterEarlierEvents(sql: Sql, consumer: EventConsumer): Promise<void> {
  await waitUntilEventsSettle(sql);
  await consumeEvents(sql, consumer);
}

/**
 * Records a `test.happened` event about `aggregateId` that `consumer` fails on its only attempt,
 * runs the consumer until the event is a dead letter, and returns the dead letter's id.
 */
export async function failIntoDeadLetter(
  sql: Sql,
  consumer: TestConsumer,
  aggregateId: string,
): Promise<string> {
  consumer.failing.add(aggregateId);
  await recordEvent(sql, 'test.happened', aggregateId, { note: `about ${aggregateId}` });
  await waitUntilEventsSettle(sql);
  await consumeEvents(sql, consumer, { maxAttempts: 1 });
  const [letter] = await sql<{ id: string }[]>`
    select id from dead_letter_events where consumer = ${consumer.name} and aggregate_id = ${aggregateId}`;
  if (!letter) throw new Error(`${aggregateId} did not become a dead letter`);
  return letter.id;
}
