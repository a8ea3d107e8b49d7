/**
 * The consent flags the events module enforces, mirrored from the privacy module's choice onto
 * the shopper key. Without a row (no choice yet) nothing is recorded.
 */
import type { Db } from '../../../app/database.ts';
import { shopperChanged } from './shopper-changes.ts';

export interface EventConsent {
  personalisation: boolean;
  analytics: boolean;
}

/** Sets the consent flags of `shopperKey`, creating the key's row if needed. */
export async function setShopperConsent(db: Db, shopperKey: string, consent: EventConsent): Promise<void> {
  await db`
    insert into shopper_keys (key, personalisation, analytics)
    values (${shopperKey}, ${consent.personalisation}, ${consent.analytics})
    on conflict (key) do update set personalisation = excluded.personalisation, analytics = excluded.analytics`;
  shopperChanged(shopperKey);
}
