/**
 * The interactions the model trainer may learn from: events recorded with personalisation
 * consent, of shoppers whose consent is still on (switching personalisation off withdraws their
 * whole history from training, not only new events). Chronological, oldest first.
 */
import type { Db } from '../../../app/database.ts';
import type { BehaviourKind, Interaction } from './behaviour-event.ts';

/** (shopperKey, productId, kind, occurredAt) rows since `since`, oldest first; searches are left out. */
export async function listInteractionsForTraining(
  db: Db,
  options: { since?: Date } = {},
): Promise<Interaction[]> {
  const rows = await db<
    { shopper_key: string; product_id: string; kind: BehaviourKind; occurred_at: Date }[]
  >`
    select e.shopper_key, e.product_id, e.kind, e.occurred_at
      from behaviour_events e join shopper_keys k on k.key = e.shopper_key
     where e.for_personalisation and k.personalisation and e.product_id is not null
       and e.occurred_at >= ${options.since ?? new Date(0)}
     order by e.occurred_at, e.id`;
  return rows.map((r) => ({
    shopperKey: r.shopper_key,
    productId: r.product_id,
    kind: r.kind,
    occurredAt: r.occurred_at,
  }));
}
