/**
 * Cart types and the pure rules that turn stored lines (variant + quantity) into a priced cart.
 * Prices, titles and stock always come from catalog and inventory at read time, never from a client.
 */
import type { Money } from '../../app/money.ts';
import type { Session } from '../identity/index.ts';

/** Who a cart belongs to: a signed-in customer, or a guest's session (by its token hash). */
export type CartOwner = { customerId: string } | { sessionTokenHash: string };

/** The most of one variant a cart line may hold, whatever the stock. */
export const MAX_LINE_QUANTITY = 99;

/** The most distinct lines one cart may hold (a bound on work per read, not a shopping limit). */
export const MAX_CART_LINES = 100;

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface CartLine {
  variantId: string;
  productId: string;
  productSlug: string;
  sku: string;
  title: LocalizedText;
  variantLabel: LocalizedText;
  image: string | null;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  /** Units that can be bought now, across warehouses. */
  available: number;
  isPurchasable: boolean;
}

export interface Cart {
  /** Null when the owner has no cart yet (reading never creates one). */
  id: string | null;
  currency: string;
  lines: CartLine[];
  itemCount: number;
  /** Sum of the purchasable lines. */
  subtotal: Money;
}

/** What catalog tells the cart about a variant. */
export interface VariantFacts {
  variantId: string;
  productId: string;
  productSlug: string;
  sku: string;
  title: LocalizedText;
  variantLabel: LocalizedText;
  image: string | null;
  price: Money;
  isPurchasable: boolean;
}

export const CART_CURRENCY = 'CNY';

/** The owner of the carts of `session`: its customer when signed in, else the session itself. */
export function cartOwnerOf(session: Pick<Session, 'customerId' | 'tokenHash'>): CartOwner {
  return session.customerId ? { customerId: session.customerId } : { sessionTokenHash: session.tokenHash };
}

/** An empty cart (no row yet). */
export function emptyCart(): Cart {
  return {
    id: null,
    currency: CART_CURRENCY,
    lines: [],
    itemCount: 0,
    subtotal: { amountMinor: 0, currency: CART_CURRENCY },
  };
}

/**
 * Prices stored lines. Lines whose variant catalog no longer knows are left out; lines in another
 * currency than the cart's are shown but not purchasable.
 */
export function priceCart(
  cart: { id: string; currency: string },
  stored: { variantId: string; quantity: number }[],
  facts: Map<string, VariantFacts>,
  available: Map<string, number>,
): Cart {
  const lines: CartLine[] = [];
  for (const line of stored) {
    const fact = facts.get(line.variantId);
    if (!fact) continue;
    const isPurchasable = fact.isPurchasable && fact.price.currency === cart.currency;
    lines.push({
      variantId: fact.variantId,
      productId: fact.productId,
      productSlug: fact.productSlug,
      sku: fact.sku,
      title: fact.title,
      variantLabel: fact.variantLabel,
      image: fact.image,
      unitPrice: fact.price,
      quantity: line.quantity,
      lineTotal: { amountMinor: fact.price.amountMinor * line.quantity, currency: fact.price.currency },
      available: available.get(line.variantId) ?? 0,
      isPurchasable,
    });
  }
  const purchasable = lines.filter((l) => l.isPurchasable);
  return {
    id: cart.id,
    currency: cart.currency,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: {
      amountMinor: purchasable.reduce((n, l) => n + l.lineTotal.amountMinor, 0),
      currency: cart.currency,
    },
  };
}
