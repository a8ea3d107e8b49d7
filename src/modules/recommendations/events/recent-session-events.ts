/**
 * The shopper's latest events for re-ranking within the same visit. Empty when the shopper has
 * personalisation off, so the caller falls back to non-personal recommendations.
 */
import type { Db } from '../../../app/database.ts';
import type { BehaviourKind } from './behaviour-event.ts';

export interface SessionEvent {
  kind: BehaviourKind;
  productId: string | null;
  query: string | null;
  occurredAt: Date;
}

/** Up to `limit` (≤ 200) personalisation-consented events of `shopperKey`, newest first. */
export async function recentSessionEvents(db: Db, shopperKey: string, limit = 50): Promise<SessionEvent[]> {
  const rows = await db<
    { kind: BehaviourKind; product_id: string | null; query: string | null; occurred_at: Date }[]
  >`
    select e.kind, e.product_id, e.query, e.occurred_at
      from behaviour_events e join shopper_keys k on k.key = e.shopper_key
     where e.shopper_key = ${shopperKey} and e.for_personalisation and k.personalisation
     order by e.occurred_at desc, e.id desc
     limit ${Math.min(Math.max(1, limit), 200)}`;
  return rows.map((r) => ({
    kind: r.kind,
    productId: r.product_id,
    query: r.query,
    occurredAt: r.occurred_at,
  }));
}
