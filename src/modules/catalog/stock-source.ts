/**
 * Where catalog's product reads learn how many units of a variant can be sold. Catalog sits below
 * inventory (inventory's stock rows point at catalog's variants and it asks catalog about them),
 * so catalog never imports inventory nor reads its tables: it owns this port, inventory
 * implements it, and the composition root (`src/lantern.ts`) plugs the implementation in once
 * at start.
 */
import type { Db } from '../../app/database.ts';

/** Sellable stock by variant, as the product pages, cards and the search index show it. */
export interface StockSource {
  /**
   * Units that can be sold now per variant id (on hand minus reserved over active warehouses,
   * never negative); a variant without stock may be left out. One query for all the ids.
   */
  availableUnits(db: Db, variantIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

let provided: StockSource | undefined;

/** Plugs in the stock source (the composition root does, once, with inventory's). */
export function provideStockSource(source: StockSource): void {
  provided = source;
}

/** Available units of `variantIds`; fails loudly when no stock source was plugged in. */
export function availableUnits(db: Db, variantIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
  if (!provided)
    throw new Error('catalog has no stock source: the composition root (src/lantern.ts) provides one');
  if (variantIds.length === 0) return Promise.resolve(new Map());
  return provided.availableUnits(db, variantIds);
}
