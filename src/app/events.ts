/**
 * Domain events go to the `domain_events` outbox in the same transaction as the change they
 * describe, so an event exists exactly when its change committed. Consumers (search index,
 * recommendations, notifications) read them after commit with `consumeEvents`.
 */
import type { Db, Sql } from './database.ts';

export interface DomainEvent {
  id: number;
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Records `type` (past tense, e.g. `order.placed`) about `aggregateId`. */
export async function recordEvent(
  db: Db,
  type: string,
  aggregateId: string,
  payload: Record<string, unknown> = {},
): Promise<void> {
  await db`insert into domain_events (type, aggregate_id, payload)
           values (${type}, ${aggregateId}, ${db.json(payload as never)})`;
}

/**
 * Hands `consumer` every event of `types` it has not seen, once, in commit-safe order, and moves
 * its cursor in the same transaction as `handle`'s writes (at-least-once becomes exactly-once for
 * database effects). Returns how many events were handled. Concurrent callers serialise on the
 * consumer's row.
 */
export async function consumeEvents(
  sql: Sql,
  consumer: string,
  types: string[],
  handle: (events: DomainEvent[], tx: Db) => Promise<void>,
): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`insert into event_consumers (name, settled_below)
             values (${consumer}, pg_snapshot_xmin(pg_current_snapshot())) on conflict (name) do nothing`;
    const [cursor] = await tx<{ from: string; to: string }[]>`
      select settled_below::text as from, pg_snapshot_xmin(pg_current_snapshot())::text as to
        from event_consumers where name = ${consumer} for update`;
    if (!cursor || cursor.from === cursor.to) return 0;
    const rows = await tx<
      { id: number; type: string; aggregate_id: string; payload: Record<string, unknown>; created_at: Date }[]
    >`
      select id, type, aggregate_id, payload, created_at from domain_events
       where txid >= ${cursor.from}::xid8 and txid < ${cursor.to}::xid8 and type = any(${types})
       order by txid, id`;
    if (rows.length) {
      await handle(
        rows.map((r) => ({
          id: r.id,
          type: r.type,
          aggregateId: r.aggregate_id,
          payload: r.payload,
          createdAt: r.created_at,
        })),
        tx,
      );
    }
    await tx`update event_consumers set settled_below = ${cursor.to}::xid8 where name = ${consumer}`;
    return rows.length;
  }) as Promise<number>;
}
