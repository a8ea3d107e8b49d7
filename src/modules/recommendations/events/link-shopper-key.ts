/**
 * Joins an anonymous visitor's behaviour to the account at sign-in. A customer has one shopper
 * key: the visitor's key becomes it when the customer has none yet, otherwise the visitor's events
 * and favourites move to the customer's key and the visitor key is dropped. A visitor key already
 * linked to another customer (a shared computer) is never merged.
 */
import { type Db, withTransaction } from '../../../app/database.ts';
import { shopperChanged } from './shopper-changes.ts';
import { newShopperKey } from './shopper-key.ts';

/** Links `visitorKey` (may be null) to `customerId`; returns the customer's key for the cookie. */
export async function linkShopperKey(db: Db, visitorKey: string | null, customerId: string): Promise<string> {
  const linked = await withTransaction(db, async (tx) => {
    // Lock both rows in key order, so two sign-ins of the same visitor serialise without deadlock.
    const rows = await tx<{ key: string; customer_id: string | null }[]>`
      select key, customer_id from shopper_keys
       where customer_id = ${customerId} or key = ${visitorKey ?? ''} order by key for update`;
    const own = rows.find((r) => r.customer_id === customerId);
    const visitor = rows.find((r) => r.key === visitorKey);
    const visitorIsAnonymous = visitorKey !== null && (!visitor || visitor.customer_id === null);
    if (!own) {
      if (visitorIsAnonymous) {
        await tx`insert into shopper_keys (key, customer_id, linked_at) values (${visitorKey}, ${customerId}, now())
                 on conflict (key) do update set customer_id = excluded.customer_id, linked_at = now()`;
        return visitorKey;
      }
      const key = newShopperKey();
      await tx`insert into shopper_keys (key, customer_id, linked_at) values (${key}, ${customerId}, now())`;
      return key;
    }
    if (visitorIsAnonymous && visitorKey !== own.key) {
      await tx`update behaviour_events set shopper_key = ${own.key} where shopper_key = ${visitorKey}`;
      await tx`insert into favourites (shopper_key, product_id, created_at)
               select ${own.key}, product_id, created_at from favourites where shopper_key = ${visitorKey}
               on conflict do nothing`;
      await tx`delete from favourites where shopper_key = ${visitorKey}`;
      // Interests the visitor removed stay removed for the account (the key's delete would cascade them).
      await tx`insert into shopper_interest_removals (shopper_key, kind, value, removed_at)
               select ${own.key}, kind, value, removed_at from shopper_interest_removals where shopper_key = ${visitorKey}
               on conflict do nothing`;
      await tx`delete from shopper_keys where key = ${visitorKey}`;
    }
    return own.key;
  });
  // After commit: the account's key now holds the visitor's events and removed interests.
  shopperChanged(linked);
  if (visitorKey) shopperChanged(visitorKey);
  return linked;
}
