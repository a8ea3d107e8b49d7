/** Reads what the cart needs from catalog (prices, labels) and inventory (stock) in two queries. */
import type { Db } from '../../app/database.ts';
import { getVariantsForPricing } from '../catalog/index.ts';
import { getStockLevels } from '../inventory/index.ts';
import type { VariantFacts } from './cart.ts';

/** Catalog facts and total available stock for each variant id. */
export async function loadVariantFacts(
  db: Db,
  variantIds: string[],
): Promise<{ facts: Map<string, VariantFacts>; available: Map<string, number> }> {
  if (variantIds.length === 0) return { facts: new Map(), available: new Map() };
  const [variants, levels] = await Promise.all([
    getVariantsForPricing(db, variantIds),
    getStockLevels(db, variantIds),
  ]);
  const facts = new Map<string, VariantFacts>(variants.map((v) => [v.variantId, v]));
  const available = new Map<string, number>();
  for (const level of levels) {
    available.set(level.variantId, (available.get(level.variantId) ?? 0) + Math.max(0, level.available));
  }
  return { facts, available };
}
