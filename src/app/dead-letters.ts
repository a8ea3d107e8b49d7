/**
 * Dead letters: events a consumer gave up on after its last attempt (`event-consumers.ts`). Staff
 * see them with their error, then retry one (it goes back to the consumer's retries, due at once,
 * with a fresh set of attempts) or discard it (kept, marked, for the event retention period).
 */
import { type Db, type Tx, withTransaction } from './database.ts';
import { conflict, notFound } from './errors.ts';

export const DEAD_LETTER_PAGE_SIZE = 50;

export interface DeadLetter {
  id: string;
  consumer: string;
  eventId: number;
  eventType: string;
  aggregateId: string;
  payload: unknown;
  eventCreatedAt: Date;
  /** The last attempt's failure. */
  error: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  total: number;
  page: number;
  pageSize: number;
}

/** Dead letters waiting for staff, the most recent failure first. */
export async function listDeadLetters(db: Db, input: { page: number }): Promise<DeadLetterPage> {
  const pageSize = DEAD_LETTER_PAGE_SIZE;
  const [rows, [count]] = await Promise.all([
    db<DeadLetter[]>`
      select id, consumer, event_id as "eventId", event_type as "eventType", aggregate_id as "aggregateId",
             payload, event_created_at as "eventCreatedAt", error, attempts,
             first_failed_at as "firstFailedAt", last_failed_at as "lastFailedAt"
        from dead_letter_events where discarded_at is null
       order by last_failed_at desc, id
       limit ${pageSize} offset ${(input.page - 1) * pageSize}`,
    db<{ total: number }[]>`select count(*)::int as total from dead_letter_events where discarded_at is null`,
  ]);
  return { items: [...rows], total: count?.total ?? 0, page: input.page, pageSize };
}

/**
 * Re-queues a dead letter: its consumer tries it again on its next run, with a fresh set of
 * attempts. 404 `dead_letter_not_found` when there is no such waiting dead letter.
 */
export async function retryDeadLetter(db: Db, id: string): Promise<void> {
  await withTransaction(db, async (tx) => {
    const [letter] = await tx<{ consumer: string }[]>`
      select consumer from dead_letter_events where id = ${id} and discarded_at is null for update`;
    if (!letter) throw notFound('dead_letter');
    await requireConsumer(tx, letter.consumer);
    await tx`
      with taken as (delete from dead_letter_events where id = ${id} returning *)
      insert into event_retries (consumer, event_id, event_type, aggregate_id, payload, event_created_at,
                                 attempts, last_error, first_failed_at, last_failed_at, next_attempt_at)
      select consumer, event_id, event_type, aggregate_id, payload, event_created_at,
             0, error, first_failed_at, last_failed_at, now()
        from taken
      on conflict (consumer, event_id) do nothing`;
  });
}

/** Marks a dead letter discarded by `staffId`: its consumer never handles that event. */
export async function discardDeadLetter(db: Db, input: { id: string; staffId: string }): Promise<void> {
  const discarded = await db`
    update dead_letter_events set discarded_at = now(), discarded_by = ${input.staffId}
     where id = ${input.id} and discarded_at is null returning id`;
  if (discarded.count === 0) throw notFound('dead_letter');
}

/** A consumer whose row was deleted (retired by hand) can take no retry. */
async function requireConsumer(tx: Tx, consumer: string) {
  const [row] = await tx`select 1 from event_consumers where name = ${consumer}`;
  if (!row)
    throw conflict(
      'event_consumer_retired',
      `The consumer ${consumer} no longer exists; discard the event instead.`,
    );
}
