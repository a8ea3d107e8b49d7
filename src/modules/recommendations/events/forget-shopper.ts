/**
 * Erasure and export of a customer's behaviour data, for the privacy module: their shopper key,
 * its events and favourites.
 */
import type { Db } from '../../../app/database.ts';
import { shopperChanged } from './shopper-changes.ts';

export interface ExportedBehaviourEvent {
  kind: string;
  productId: string | null;
  query: string | null;
  placement: string | null;
  strategy: string | null;
  usedForPersonalisation: boolean;
  usedForAnalytics: boolean;
  occurredAt: Date;
}

/** Every behaviour event and favourite held under the customer's shopper key, oldest first. */
export async function exportShopperBehaviour(
  db: Db,
  customerId: string,
): Promise<{ shopperKey: string | null; events: ExportedBehaviourEvent[]; favourites: string[] }> {
  const [key] = await db<{ key: string }[]>`select key from shopper_keys where customer_id = ${customerId}`;
  if (!key) return { shopperKey: null, events: [], favourites: [] };
  const events = await db<ExportedBehaviourEvent[]>`
    select kind, product_id as "productId", query, placement, strategy,
           for_personalisation as "usedForPersonalisation", for_analytics as "usedForAnalytics",
           occurred_at as "occurredAt"
      from behaviour_events where shopper_key = ${key.key} order by occurred_at, id`;
  const favourites = await db<{ product_id: string }[]>`
    select product_id from favourites where shopper_key = ${key.key} order by created_at`;
  return { shopperKey: key.key, events: [...events], favourites: favourites.map((f) => f.product_id) };
}

/** Deletes the customer's shopper key, events and favourites (inside the caller's transaction). */
export async function forgetShopper(db: Db, customerId: string): Promise<void> {
  const keys = await db<{ key: string }[]>`
    delete from shopper_keys where customer_id = ${customerId} returning key`;
  const list = keys.map((k) => k.key);
  if (list.length === 0) return;
  await db`delete from behaviour_events where shopper_key = any(${list})`;
  await db`delete from favourites where shopper_key = any(${list})`;
  for (const key of list) shopperChanged(key);
}
