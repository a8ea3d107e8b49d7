/**
 * Outbox consumers. A consumer reads the events of its types after commit, in bounded batches,
 * and handles them in the transaction that moves its position, so each event's database effects
 * happen exactly once. A failing event is retried with back-off while the others go on (unless
 * the consumer is `ordered`); after its last attempt it becomes a dead letter that staff retry or
 * discard (`dead-letters.ts`). The decision record "Outbox batches, retries and dead letters"
 * (docs/decisions) explains the position and the retry rules.
 *
 * Modules declare their consumers in their `ModuleDefinition`; the composition root runs each as
 * a job (`eventConsumerJob`).
 */
import type { Db, Sql, Tx } from './database.ts';
import type { DomainEvent, EventType } from './events.ts';
import { newId } from './ids.ts';
import type { Job } from './jobs.ts';

/** Events handed to a consumer per transaction. */
export const EVENT_BATCH_SIZE = 500;
/** Attempts per event, the first one included, before it becomes a dead letter. */
export const MAX_EVENT_ATTEMPTS = 5;
/** Batches one job run takes while a backlog lasts, so that a run ends and the process can stop. */
const MAX_BATCHES_PER_RUN = 20;
/** A failure's message is cut to this many characters. */
const MAX_ERROR_LENGTH = 2_000;

export interface EventConsumer<K extends EventType = EventType> {
  /** Stable name, its row in `event_consumers` (e.g. `search-index`); a new name starts at the present. */
  name: string;
  /** The event types it reads. */
  types: readonly K[];
  /**
   * Handles events in the transaction that moves the consumer on (write only through `tx`).
   * Throwing rolls the batch back; it is then handed over one event at a time, and only the
   * events that fail on their own wait for a retry.
   */
  handle(events: DomainEvent<K>[], tx: Tx): Promise<void>;
  /** Order matters: a failing event holds the later ones back until it succeeds or is dead-lettered. */
  ordered?: boolean;
  /** How often its job runs; 5 s when absent. */
  everyMs?: number;
}

/** Types a consumer from its `types`, so `handle` sees their payloads: `defineEventConsumer({ … })`. */
export function defineEventConsumer<K extends EventType>(consumer: EventConsumer<K>): EventConsumer<K> {
  return consumer;
}

/** Where a consumer stands: every event at or before (txid, id), in that order, was handed to it. */
export interface ConsumerPosition {
  txid: string;
  id: number;
}

export interface ConsumeOptions {
  batchSize?: number;
  maxAttempts?: number;
}

export interface ConsumeResult {
  /** Events handled successfully, new ones and retries. */
  handled: number;
  /** Events that failed and wait for another attempt. */
  failed: number;
  /** Events that failed their last attempt and became dead letters. */
  deadLettered: number;
  /** The batch was full: more events may be waiting now. */
  more: boolean;
}

/** The wait after a failed attempt: 10 s after the first, four times longer after each next one. */
export function retryDelaySeconds(failedAttempts: number): number {
  return 10 * 4 ** (failedAttempts - 1);
}

/**
 * One run of `consumer`: its retries that are due, then new events, at most `batchSize` in all,
 * in one transaction. Concurrent runs (several instances) wait for each other on the consumer's row.
 */
export function consumeEvents(
  sql: Sql,
  consumer: EventConsumer,
  options: ConsumeOptions = {},
): Promise<ConsumeResult> {
  const batchSize = options.batchSize ?? EVENT_BATCH_SIZE;
  const maxAttempts = options.maxAttempts ?? MAX_EVENT_ATTEMPTS;
  return sql.begin(async (tx) => {
    const from = await lockEventConsumer(tx, consumer.name);
    const result: ConsumeResult = { handled: 0, failed: 0, deadLettered: 0, more: false };
    const retries = await dueRetries(tx, consumer, batchSize);
    await settle(tx, consumer, await handOver(tx, consumer, retries), maxAttempts, result);
    const room = batchSize - retries.length;
    const blocked = room === 0 || (consumer.ordered && (await hasRetries(tx, consumer.name)));
    const full = !blocked && (await handNewEvents(tx, consumer, from, room, maxAttempts, result));
    result.more = retries.length === batchSize || full;
    return result;
  }) as Promise<ConsumeResult>;
}

/**
 * Hands over up to `limit` events past `from` and moves the consumer's position past the last one
 * handed over. Returns true when it took `limit` events: more may be waiting.
 */
async function handNewEvents(
  tx: Tx,
  consumer: EventConsumer,
  from: ConsumerPosition,
  limit: number,
  maxAttempts: number,
  result: ConsumeResult,
): Promise<boolean> {
  // Every transaction below the horizon has ended, so the events below it are final: none can
  // still appear behind the position (decision 0004). Read after the lock, so it never goes back.
  const [row] = await tx<
    { horizon: string }[]
  >`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`;
  const horizon = row!.horizon;
  const events = await nextEvents(tx, consumer, from, horizon, limit);
  const outcomes = await handOver(tx, consumer, events);
  await settle(tx, consumer, outcomes, maxAttempts, result);
  // A full batch, or an ordered consumer stopped at a failure, ends at the last event handed over;
  // otherwise every event below the horizon has been read.
  const full = events.length === limit;
  const stopped = outcomes.length < events.length;
  const last = outcomes.at(-1)?.item;
  const to =
    (full || stopped) && last?.txid ? { txid: last.txid, id: last.event.id } : { txid: horizon, id: 0 };
  await tx`update event_consumers
              set passed_txid = ${to.txid}::xid8, passed_id = ${to.id}, event_types = ${[...consumer.types]}
            where name = ${consumer.name}`;
  return full && !stopped;
}

/** The job that runs `consumer` on its interval, batch after batch while a backlog lasts. */
export function eventConsumerJob(consumer: EventConsumer, options: ConsumeOptions = {}): Job {
  return {
    name: `events.${consumer.name}`,
    everyMs: consumer.everyMs ?? 5_000,
    run: async ({ sql }) => {
      let handled = 0;
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        const result = await consumeEvents(sql, consumer, options);
        handled += result.handled;
        if (!result.more) break;
      }
      return handled;
    },
  };
}

/** Gives `name` a position at the present (the current horizon) unless it has one. */
export async function startEventConsumer(db: Db, name: string): Promise<void> {
  await db`insert into event_consumers (name, passed_txid)
           values (${name}, pg_snapshot_xmin(pg_current_snapshot())) on conflict (name) do nothing`;
}

/**
 * Locks the consumer's row until `tx` ends (a run of the consumer waits meanwhile) and returns
 * its position, starting it at the present when it has none.
 */
export async function lockEventConsumer(tx: Tx, name: string): Promise<ConsumerPosition> {
  await startEventConsumer(tx, name);
  const [position] = await tx<ConsumerPosition[]>`
    select passed_txid::text as txid, passed_id as id from event_consumers where name = ${name} for update`;
  return position!;
}

/**
 * A subquery of the aggregate ids of `type` events that `consumer` has still to handle (past its
 * position), is retrying or has dead-lettered: for a caller holding its lock that must leave
 * those events to it (the purchase backfill).
 */
export function aggregatesLeftToConsumer(tx: Tx, consumer: string, type: EventType) {
  return tx`
    select e.aggregate_id from domain_events e join event_consumers c on c.name = ${consumer}
     where e.type = ${type} and (e.txid, e.id) > (c.passed_txid, c.passed_id)
    union all
    select aggregate_id from event_retries where consumer = ${consumer} and event_type = ${type}
    union all
    select aggregate_id from dead_letter_events where consumer = ${consumer} and event_type = ${type}`;
}

/** An event to hand over; `txid` is set for a new event (it moves the position), null for a retry. */
interface Handed {
  event: DomainEvent;
  txid: string | null;
}

interface Outcome {
  item: Handed;
  /** What went wrong; absent when the event was handled. */
  error?: string;
}

interface EventRow {
  id: number;
  txid: string | null;
  type: string;
  aggregate_id: string;
  payload: unknown;
  created_at: Date;
}

function handed(row: EventRow): Handed {
  const event = {
    id: row.id,
    type: row.type,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    createdAt: row.created_at,
  } as DomainEvent;
  return { event, txid: row.txid };
}

async function nextEvents(
  tx: Tx,
  consumer: EventConsumer,
  from: ConsumerPosition,
  horizon: string,
  limit: number,
): Promise<Handed[]> {
  const rows = await tx<EventRow[]>`
    select id, txid::text, type, aggregate_id, payload, created_at from domain_events
     where (txid, id) > (${from.txid}::xid8, ${from.id}) and txid < ${horizon}::xid8
       and type = any(${[...consumer.types]})
     order by txid, id limit ${limit}`;
  return rows.map(handed);
}

/**
 * Retries whose time has come, oldest event first. An ordered consumer takes them only up to the
 * first one still waiting, so no event overtakes an earlier one.
 */
async function dueRetries(tx: Tx, consumer: EventConsumer, limit: number): Promise<Handed[]> {
  const ordered = consumer.ordered ?? false;
  const rows = await tx<(EventRow & { due: boolean })[]>`
    select event_id as id, null as txid, event_type as type, aggregate_id, payload,
           event_created_at as created_at, next_attempt_at <= now() as due
      from event_retries
     where consumer = ${consumer.name} and (${ordered} or next_attempt_at <= now())
     order by event_id limit ${limit}`;
  const waiting = rows.findIndex((r) => !r.due);
  return (waiting === -1 ? rows : rows.slice(0, waiting)).map(handed);
}

async function hasRetries(tx: Tx, consumer: string): Promise<boolean> {
  const [row] = await tx<{ found: boolean }[]>`
    select exists (select 1 from event_retries where consumer = ${consumer}) as found`;
  return row?.found ?? false;
}

/**
 * Hands `items` to the consumer as one batch; when that fails, one at a time, each in its own
 * savepoint, so the events that fail on their own are found and the others still count. An
 * ordered consumer stops at the first failure: the outcomes then end there.
 */
async function handOver(tx: Tx, consumer: EventConsumer, items: Handed[]): Promise<Outcome[]> {
  if (items.length === 0) return [];
  const batchError = await attempt(
    tx,
    consumer,
    items.map((i) => i.event),
  );
  if (batchError === null) return items.map((item) => ({ item }));
  if (items.length === 1) return [{ item: items[0]!, error: batchError }];
  const outcomes: Outcome[] = [];
  for (const item of items) {
    const error = await attempt(tx, consumer, [item.event]);
    outcomes.push(error === null ? { item } : { item, error });
    if (error !== null && consumer.ordered) break;
  }
  return outcomes;
}

/** Runs the handler in a savepoint: null when it succeeded, else the failure (its writes undone). */
async function attempt(tx: Tx, consumer: EventConsumer, events: DomainEvent[]): Promise<string | null> {
  try {
    await tx.savepoint((savepoint) => consumer.handle(events, savepoint));
    return null;
  } catch (error) {
    return describeFailure(error);
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, MAX_ERROR_LENGTH);
  const code = (error as { code?: unknown }).code;
  return `${typeof code === 'string' ? code : error.name}: ${error.message}`.slice(0, MAX_ERROR_LENGTH);
}

/** Records the outcomes: a handled retry is done; a failure waits for its next attempt or is dead-lettered. */
async function settle(
  tx: Tx,
  consumer: EventConsumer,
  outcomes: Outcome[],
  maxAttempts: number,
  result: ConsumeResult,
) {
  for (const { item, error } of outcomes) {
    if (error === undefined) {
      result.handled++;
      if (item.txid === null)
        await tx`delete from event_retries where consumer = ${consumer.name} and event_id = ${item.event.id}`;
    } else if ((await recordFailure(tx, consumer.name, item.event, error)) >= maxAttempts) {
      await moveToDeadLetters(tx, consumer.name, item.event.id);
      result.deadLettered++;
    } else {
      result.failed++;
    }
  }
}

/** Counts a failed attempt and schedules the next one; returns the failed attempts so far. */
async function recordFailure(tx: Tx, consumer: string, event: DomainEvent, error: string): Promise<number> {
  const [row] = await tx<{ attempts: number }[]>`
    insert into event_retries (consumer, event_id, event_type, aggregate_id, payload, event_created_at,
                               attempts, last_error, first_failed_at, last_failed_at, next_attempt_at)
    values (${consumer}, ${event.id}, ${event.type}, ${event.aggregateId}, ${tx.json(event.payload as never)},
            ${event.createdAt}, 1, ${error}, now(), now(), now())
    on conflict (consumer, event_id) do update
      set attempts = event_retries.attempts + 1, last_error = excluded.last_error, last_failed_at = now()
    returning attempts`;
  const attempts = row!.attempts;
  await tx`update event_retries set next_attempt_at = now() + make_interval(secs => ${retryDelaySeconds(attempts)})
            where consumer = ${consumer} and event_id = ${event.id}`;
  return attempts;
}

async function moveToDeadLetters(tx: Tx, consumer: string, eventId: number) {
  await tx`
    with moved as (delete from event_retries where consumer = ${consumer} and event_id = ${eventId} returning *)
    insert into dead_letter_events (id, consumer, event_id, event_type, aggregate_id, payload, event_created_at,
                                    error, attempts, first_failed_at, last_failed_at)
    select ${newId('dlq')}, consumer, event_id, event_type, aggregate_id, payload, event_created_at,
           last_error, attempts, first_failed_at, last_failed_at
      from moved
    on conflict (consumer, event_id) do update
      set error = excluded.error, attempts = excluded.attempts, last_failed_at = excluded.last_failed_at,
          discarded_at = null, discarded_by = null`;
}
