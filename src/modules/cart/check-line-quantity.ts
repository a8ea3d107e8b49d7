/** The rule every write to a line obeys: a purchasable variant, at most 99, at most the stock. */
import type { Db } from '../../app/database.ts';
import { MAX_LINE_QUANTITY } from './cart.ts';
import { insufficientStock, lineQuantityLimit, variantNotFound, variantUnavailable } from './cart-errors.ts';
import { loadVariantFacts } from './cart-pricing.ts';

/** Throws unless `quantity` of `variantId` may sit in a cart line of `currency`. */
export async function checkLineQuantity(
  db: Db,
  variantId: string,
  quantity: number,
  currency: string,
): Promise<void> {
  const { facts, available } = await loadVariantFacts(db, [variantId]);
  const fact = facts.get(variantId);
  if (!fact) throw variantNotFound();
  if (!fact.isPurchasable || fact.price.currency !== currency) throw variantUnavailable();
  if (quantity > MAX_LINE_QUANTITY) throw lineQuantityLimit();
  const inStock = available.get(variantId) ?? 0;
  if (quantity > inStock) throw insufficientStock(inStock);
}
