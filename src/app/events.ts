/**
 * Domain events go to the `domain_events` outbox in the same transaction as the change they
 * describe, so an event exists exactly when its change committed. Consumers (recommendations,
 * notifications, analytics) read the outbox after commit.
 */
import type { Db } from './database.ts';

/** Records `type` (past tense, e.g. `order.placed`) about `aggregateId`. */
export async function recordEvent(
  db: Db,
  type: string,
  aggregateId: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await db`insert into domain_events (type, aggregate_id, payload) values (${type}, ${aggregateId}, ${db.json(payload as never)})`;
}
