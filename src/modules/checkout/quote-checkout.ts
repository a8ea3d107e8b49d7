/** The checkout summary: the cart repriced now, the delivery fee and the total, all server-side. */
import type { Db } from '../../app/database.ts';
import { badRequest } from '../../app/errors.ts';
import type { Money } from '../../app/money.ts';
import { type Cart, type CartLine, type CartOwner, emptyCart, getCart } from '../cart/index.ts';
import {
  DELIVERY_OPTIONS,
  type DeliveryOption,
  findDeliveryOption,
  servesProvince,
  shippingFee,
} from './delivery-options.ts';

/** A delivery option with its fee for this cart (free over its threshold). */
export interface DeliveryChoice extends DeliveryOption {
  fee: Money;
}

export interface CheckoutQuote {
  cartId: string | null;
  lines: CartLine[];
  deliveryOption: DeliveryOption;
  subtotal: Money;
  shipping: Money;
  discount: Money;
  total: Money;
  /** Lines that cannot be bought at all now (unpublished or inactive variants). */
  blockedVariantIds: string[];
  /** Every delivery option with its fee for this cart, for a page to offer. */
  deliveryChoices: DeliveryChoice[];
}

/**
 * Quotes the owner's cart (none: an empty cart) for a delivery option (and province, when the
 * address is known). The only place a checkout total is computed: the API's quote, the checkout
 * page and order placement all take it from here.
 */
export async function quoteCheckout(
  db: Db,
  owner: CartOwner | null,
  input: { deliveryOption: string; province?: string },
): Promise<CheckoutQuote> {
  const cart = owner ? await getCart(db, owner) : emptyCart();
  return quoteCart(cart, input);
}

/** The pure part of a quote, shared with order placement. */
export function quoteCart(cart: Cart, input: { deliveryOption: string; province?: string }): CheckoutQuote {
  const option = findDeliveryOption(input.deliveryOption);
  if (!option) {
    throw badRequest('unknown_delivery_option', 'No such delivery option.', [
      { field: 'deliveryOption', code: 'invalid_value', message: 'is not a delivery option' },
    ]);
  }
  if (!servesProvince(option, input.province)) {
    throw badRequest('delivery_option_unavailable', 'This delivery option does not serve that address.', [
      { field: 'deliveryOption', code: 'not_available', message: 'is not available for this address' },
    ]);
  }
  const subtotal = cart.subtotal;
  const shipping = cart.lines.length
    ? shippingFee(option, subtotal)
    : { amountMinor: 0, currency: subtotal.currency };
  const discount = { amountMinor: 0, currency: subtotal.currency };
  return {
    cartId: cart.id,
    lines: cart.lines,
    deliveryOption: option,
    subtotal,
    shipping,
    discount,
    total: {
      amountMinor: Math.max(0, subtotal.amountMinor + shipping.amountMinor - discount.amountMinor),
      currency: subtotal.currency,
    },
    blockedVariantIds: cart.lines.filter((l) => !l.isPurchasable).map((l) => l.variantId),
    deliveryChoices: DELIVERY_OPTIONS.map((o) => ({
      ...o,
      fee: cart.lines.length ? shippingFee(o, subtotal) : { amountMinor: 0, currency: subtotal.currency },
    })),
  };
}
