/**
 * Domain events go to the `domain_events` outbox in the same transaction as the change they
 * describe, so an event exists exactly when its change committed. Consumers (search index,
 * sales counts, purchase history) read them after commit: see `event-consumers.ts`.
 *
 * Every event type and its payload is declared by the module that records it, by adding to
 * `EventPayloads` (as `order-events.ts` does), so a misspelt type or a wrong payload is a type
 * error at the call site and a consumer sees the payload's type without importing the producer.
 */
import type { Db } from './database.ts';

/**
 * Event type → payload, filled in by the modules with declaration merging:
 * `declare module '../../app/events.ts' { interface EventPayloads { 'order.paid': OrderPaid } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the modules add the members (declaration merging).
export interface EventPayloads {}

/** A declared event type, past tense: `order.placed`, `stock.changed`. */
export type EventType = keyof EventPayloads & string;

/** One event as a consumer receives it; `type` narrows `payload`. */
export type DomainEvent<K extends EventType = EventType> = {
  [T in K]: {
    id: number;
    type: T;
    aggregateId: string;
    payload: EventPayloads[T];
    createdAt: Date;
  };
}[K];

/** Records `type` about `aggregateId` in `db`'s transaction: `recordEvent(tx, 'order.paid', id, {…})`. */
export async function recordEvent<K extends EventType>(
  db: Db,
  type: K,
  aggregateId: string,
  payload: EventPayloads[K],
): Promise<void> {
  await db`insert into domain_events (type, aggregate_id, payload)
           values (${type}, ${aggregateId}, ${db.json(payload as never)})`;
}
