/** The cart's error kinds (stable codes, HTTP status). */
import { conflict, type DomainError, notFound } from '../../app/errors.ts';
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from './cart.ts';

/** The variant does not exist (or is hidden): 404. */
export function variantNotFound(): DomainError {
  return notFound('variant');
}

/** The variant exists but cannot be bought now (draft, archived, inactive): 409. */
export function variantUnavailable(): DomainError {
  return conflict('variant_unavailable', 'This item cannot be bought right now.');
}

/** More than the stock on hand: 409 with how many are available. */
export function insufficientStock(available: number): DomainError {
  return conflict('insufficient_stock', `Only ${available} left in stock.`, { available });
}

/** More than one line may hold: 409. */
export function lineQuantityLimit(): DomainError {
  return conflict('line_quantity_limit', `At most ${MAX_LINE_QUANTITY} of one item per order.`, {
    maxQuantity: MAX_LINE_QUANTITY,
  });
}

/** The cart has no line for that variant: 404. */
export function cartLineNotFound(): DomainError {
  return notFound('cart_line');
}

/** The cart already holds as many different items as it may: 409. */
export function cartLineLimit(): DomainError {
  return conflict('cart_line_limit', `A cart holds at most ${MAX_CART_LINES} different items.`, {
    maxLines: MAX_CART_LINES,
  });
}
