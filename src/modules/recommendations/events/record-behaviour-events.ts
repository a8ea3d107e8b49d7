/**
 * Stores behaviour events for a shopper key, as far as the key's consent allows: a kind that
 * serves personalisation is flagged for it only with personalisation consent, every kind is
 * flagged for analytics only with analytics consent, and an event allowed for neither is not
 * stored at all (so a "necessary only" visitor leaves no behaviour trail).
 */
import type { Db } from '../../../app/database.ts';
import { type BehaviourEventInput, servesPersonalisation } from './behaviour-event.ts';
import { shopperChanged } from './shopper-changes.ts';

/** Records `events` for `shopperKey`; returns how many were stored (0 without consent). */
export async function recordBehaviourEvents(
  db: Db,
  shopperKey: string,
  events: BehaviourEventInput[],
): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({
    kind: e.kind,
    product_id: e.productId ?? null,
    query: e.query ?? null,
    placement: e.placement ?? null,
    strategy: e.strategy ?? null,
    personal: servesPersonalisation(e.kind),
    occurred_at: (e.occurredAt ?? new Date()).toISOString(),
  }));
  // Behaviour is analytics: outside a caller's transaction, its commit does not wait for the WAL
  // flush (`synchronous_commit = off` for this statement's own transaction only). A crash may lose
  // the last fraction of a second of events, never make them half-written; the shopper's request no
  // longer waits for the disk, nor holds the NOTIFY queue lock of its trigger while it does
  // (decision 0016). Inside a transaction (an order) the caller's commit rules.
  const asyncCommit =
    'savepoint' in db
      ? db``
      : db`cross join (select set_config('synchronous_commit', 'off', true)) as async_commit`;
  // The consent flags are read in the same statement, so a concurrent change of mind wins or
  // loses as a whole batch, never half of it.
  const inserted = await db`
    insert into behaviour_events (shopper_key, kind, product_id, query, placement, strategy,
                                  for_personalisation, for_analytics, occurred_at)
    select k.key, e.kind, e.product_id, e.query, e.placement, e.strategy,
           k.personalisation and e.personal, k.analytics, e.occurred_at
      from shopper_keys k
      cross join jsonb_to_recordset(${db.json(rows as never)}::jsonb) as e(
        kind text, product_id text, query text, placement text, strategy text, personal boolean,
        occurred_at timestamptz)
      ${asyncCommit}
     where k.key = ${shopperKey} and ((k.personalisation and e.personal) or k.analytics)`;
  if (inserted.count > 0) shopperChanged(shopperKey);
  return inserted.count;
}

/** Records events for a signed-in customer (server-side sources such as placed orders). */
export async function recordCustomerEvents(
  db: Db,
  customerId: string,
  events: BehaviourEventInput[],
): Promise<number> {
  const [row] = await db<{ key: string }[]>`select key from shopper_keys where customer_id = ${customerId}`;
  return row ? recordBehaviourEvents(db, row.key, events) : 0;
}
