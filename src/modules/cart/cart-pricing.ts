/**
 * Reads what the cart needs from catalog (prices, labels) and inventory (stock). Stock is read
 * every time (a write checks against it); catalog facts are kept for 5 s per variant, since their
 * query was about half of an add-to-cart's statement time (decision 0016). A merchant's change
 * empties them at once on every instance (the cart routes register the cache as public data);
 * checkout prices the order itself, so a fact at most 5 s old never reaches an order.
 */
import { BoundedCache } from '../../app/bounded-cache.ts';
import type { Db } from '../../app/database.ts';
import { getVariantsForPricing } from '../catalog/index.ts';
import { getStockLevels } from '../inventory/index.ts';
import type { VariantFacts } from './cart.ts';

const FACTS_TTL_MS = 5_000;
const FACT_BYTES = 600;

/** Catalog facts by variant id, for a few seconds (registered with the app's caches by cart routes). */
export const variantFactsCache = new BoundedCache<VariantFacts>({
  name: 'cart_variant_facts',
  maxBytes: 4 * 1024 * 1024,
  ttlMs: FACTS_TTL_MS,
});

/** Catalog facts and total available stock for each variant id. */
export async function loadVariantFacts(
  db: Db,
  variantIds: string[],
): Promise<{ facts: Map<string, VariantFacts>; available: Map<string, number> }> {
  if (variantIds.length === 0) return { facts: new Map(), available: new Map() };
  const [facts, levels] = await Promise.all([
    loadCatalogFacts(db, variantIds),
    getStockLevels(db, variantIds),
  ]);
  const available = new Map<string, number>();
  for (const level of levels) {
    available.set(level.variantId, (available.get(level.variantId) ?? 0) + Math.max(0, level.available));
  }
  return { facts, available };
}

/** Catalog facts for each variant id catalog knows, from the cache where kept (no query when all are). */
export async function loadCatalogFacts(db: Db, variantIds: string[]): Promise<Map<string, VariantFacts>> {
  const facts = new Map<string, VariantFacts>();
  const missing: string[] = [];
  for (const id of variantIds) {
    const fact = variantFactsCache.get(id);
    if (fact) facts.set(id, fact);
    else missing.push(id);
  }
  if (missing.length === 0) return facts;
  const generation = variantFactsCache.generation;
  for (const v of await getVariantsForPricing(db, missing)) {
    facts.set(v.variantId, v);
    // Not kept when public data changed while it was read: it may predate the change.
    if (variantFactsCache.generation === generation) variantFactsCache.set(v.variantId, v, FACT_BYTES);
  }
  return facts;
}
