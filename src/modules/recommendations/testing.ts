/** Behaviour fixtures shared by the recommendation tests (real events through the real recorder). */
import type { Db } from '../../app/database.ts';
import { recordBehaviourEvents } from './events/record-behaviour-events.ts';
import { setShopperConsent } from './events/shopper-consent.ts';
import { newShopperKey } from './events/shopper-key.ts';

/**
 * A new visitor key with personalisation allowed that viewed `productIds` in order, a second
 * apart, the last one a second ago.
 */
export async function visitorWhoViewed(db: Db, productIds: readonly string[]): Promise<string> {
  const key = newShopperKey();
  await setShopperConsent(db, key, { personalisation: true, analytics: false });
  const now = Date.now();
  await recordBehaviourEvents(
    db,
    key,
    productIds.map((productId, i) => ({
      kind: 'product_view',
      productId,
      occurredAt: new Date(now - (productIds.length - i) * 1000),
    })),
  );
  return key;
}
