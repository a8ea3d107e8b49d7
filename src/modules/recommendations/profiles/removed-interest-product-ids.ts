/**
 * The products a shopper must never be recommended because of their removed interests: every
 * published product in a removed category or any category below it, of a removed brand, or
 * whose lowest price falls in a removed price band.
 *
 * Cost, as serving calls it on every personal request: with no removals (the usual case) one
 * primary-key index probe on `shopper_interest_removals`, nothing more. With removals, one more
 * query: catalog's `findPublishedProductIds` walks the category tree below the removed
 * categories and scans published products once (a few milliseconds for a catalogue of
 * thousands); serving caches the set for a few seconds per shopper and drops it when the shopper
 * removes or restores an interest.
 */
import type { Db } from '../../../app/database.ts';
import { findPublishedProductIds } from '../../catalog/index.ts';
import { PRICE_BANDS, type RemovableKind } from './interest-tags.ts';

const NONE: ReadonlySet<string> = new Set();

/** The excluded product ids of `shopperKey` (empty when nothing is removed), whatever their consent. */
export async function removedInterestProductIds(db: Db, shopperKey: string): Promise<ReadonlySet<string>> {
  const removed = await db<{ kind: RemovableKind; value: string }[]>`
    select kind, value from shopper_interest_removals where shopper_key = ${shopperKey}`;
  if (removed.length === 0) return NONE;
  const valuesOf = (kind: RemovableKind) => removed.filter((r) => r.kind === kind).map((r) => r.value);
  const bands = new Set(valuesOf('price_band'));
  const ids = await findPublishedProductIds(db, {
    categoryIds: valuesOf('category'),
    brandIds: valuesOf('brand'),
    priceRanges: PRICE_BANDS.filter((b) => bands.has(b.code)),
  });
  return ids.length === 0 ? NONE : new Set(ids);
}
