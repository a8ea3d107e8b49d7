/**
 * The products a shopper must never be recommended because of their removed interests: every
 * published product in a removed category or any category below it, of a removed brand, or
 * whose lowest price falls in a removed price band.
 *
 * Cost, as serving calls it on every personal request: one query. With no removals (the usual
 * case) it is one primary-key index probe on `shopper_interest_removals`, and the `exists` gate
 * is a one-time filter that skips the products scan entirely (well under a millisecond). With
 * removals it walks the category tree below the removed categories and scans published
 * products once (a few milliseconds for a catalogue of thousands); serving caches the set for
 * a few seconds per shopper and drops it when the shopper removes or restores an interest.
 * It reads the catalogue's tables directly: one join is what keeps it cheap.
 */
import type { Db } from '../../../app/database.ts';
import { PRICE_BAND_ARRAYS } from './interest-tags.ts';

const NONE: ReadonlySet<string> = new Set();

/** The excluded product ids of `shopperKey` (empty when nothing is removed), whatever their consent. */
export async function removedInterestProductIds(db: Db, shopperKey: string): Promise<ReadonlySet<string>> {
  const rows = await db<{ id: string }[]>`
    with recursive removed as (
      select kind, value from shopper_interest_removals where shopper_key = ${shopperKey}
    ), removed_categories as (
      select c.id from categories c join removed r on r.kind = 'category' and r.value = c.id
      union
      select c.id from categories c join removed_categories t on c.parent_id = t.id
    ), removed_bands as (
      select b.lo, b.hi
        from unnest(${PRICE_BAND_ARRAYS.codes}::text[], ${PRICE_BAND_ARRAYS.los}::bigint[],
                    ${PRICE_BAND_ARRAYS.his}::bigint[]) b(code, lo, hi)
        join removed r on r.kind = 'price_band' and r.value = b.code
    )
    select p.id from products p
     where exists (select 1 from removed)
       and p.status = 'published'
       and (p.category_id in (select id from removed_categories)
            or p.brand_id in (select value from removed where kind = 'brand')
            or exists (select 1 from removed_bands b where p.min_price_minor >= b.lo and p.min_price_minor < b.hi))`;
  return rows.length === 0 ? NONE : new Set(rows.map((r) => r.id));
}
