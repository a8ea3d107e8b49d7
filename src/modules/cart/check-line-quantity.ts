/** The rule every write to a line obeys: a purchasable variant, at most 99, at most the stock. */
import type { VariantFacts } from './cart.ts';
import { MAX_LINE_QUANTITY } from './cart.ts';
import { insufficientStock, lineQuantityLimit, variantNotFound, variantUnavailable } from './cart-errors.ts';

/**
 * Throws unless `quantity` of `variantId` may sit in a cart line of `currency`, judged on facts
 * the caller already loaded (so a write reads catalog and stock once).
 */
export function checkLineQuantity(
  facts: Map<string, VariantFacts>,
  available: Map<string, number>,
  line: { variantId: string; quantity: number; currency: string },
): void {
  const fact = facts.get(line.variantId);
  if (!fact) throw variantNotFound();
  if (!fact.isPurchasable || fact.price.currency !== line.currency) throw variantUnavailable();
  if (line.quantity > MAX_LINE_QUANTITY) throw lineQuantityLimit();
  const inStock = available.get(line.variantId) ?? 0;
  if (line.quantity > inStock) throw insufficientStock(inStock);
}
