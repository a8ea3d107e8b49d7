/**
 * Places an order from the shopper's cart in ONE transaction: claim the Idempotency-Key, reprice
 * the cart, reserve stock, create the order, close the cart. Any failure rolls all of it back,
 * so a refused checkout leaves nothing behind and can simply be retried.
 */
import { type Db, withTransaction } from '../../app/database.ts';
import { conflict, type FieldIssue, notFound } from '../../app/errors.ts';
import { badFormatIssue, validationFailed } from '../../app/field-issues.ts';
import { newId } from '../../app/ids.ts';
import type { Money } from '../../app/money.ts';
import type { RateLimiter } from '../../app/rate-limit.ts';
import { type CartOwner, getCart, markCartOrdered } from '../cart/index.ts';
import { checkAddress, getAddress } from '../customers/index.ts';
import { isValidEmail, isValidPhone, normaliseEmail, normalisePhone } from '../identity/index.ts';
import { reserveStock } from '../inventory/index.ts';
import { createOrder, issueOrderAccessToken, type ShippingAddress } from '../orders/index.ts';
import { type EventFailureLog, recordVisitorEvents } from '../recommendations/index.ts';
import { type CheckoutCaller, limitCheckout } from './checkout-limits.ts';
import { claimIdempotencyKey, hashRequest, saveIdempotentResponse } from './idempotency.ts';
import { quoteCart } from './quote-checkout.ts';

/** Minutes a shopper has to pay; reservations live a little longer so the expiry job cancels first. */
export const PAYMENT_DUE_MINUTES = 30;
const RESERVATION_GRACE_MINUTES = 5;

/** What order placement needs: the database and the rate limiter. */
export interface CheckoutDeps {
  db: Db;
  rateLimiter: RateLimiter;
}

/** The checkout dependencies of the app's `deps` (doors call this). */
export function checkoutDepsOf(deps: { sql: Db; rateLimiter: RateLimiter }): CheckoutDeps {
  return { db: deps.sql, rateLimiter: deps.rateLimiter };
}

export interface PlaceOrderInput {
  owner: CartOwner;
  customerId: string | null;
  /** Who is asking, for the checkout rate limits (never part of the idempotent request). */
  caller: CheckoutCaller;
  /** As typed: stored trimmed and lower-cased (identity's `normaliseEmail`). */
  email: string;
  /** As typed: stored in identity's normal form (`+86 138-0013-8000` → `13800138000`). */
  phone: string;
  /** A literal address, or (signed in only) the id of one of the customer's saved addresses. */
  address: ShippingAddress | { savedAddressId: string };
  deliveryOption: string;
  locale: 'zh-CN' | 'en';
  idempotencyKey: string;
  /**
   * The total (minor units) the shopper was shown. When given and the order would cost anything
   * else, nothing is placed: 409 `checkout_total_changed` with the true `total`.
   */
  shownTotalMinor?: number;
  /**
   * A guest's shopper key (`lantern_vid`), if any: a guest order has no customer for the purchase
   * consumer to key it by, so its purchase is recorded for this key (as consent allows).
   */
  shopperKey?: string | null;
  /** Where a behaviour event that could not be recorded is reported (the request's logger fits). */
  log?: EventFailureLog;
}

export interface PlaceOrderResult {
  orderId: string;
  number: string;
  status: 'pending_payment';
  total: Money;
  paymentDueAt: string;
  /** The guest's secret for reading and paying this order (send as `x-order-token`). */
  accessToken: string;
}

/**
 * Places the order, or replays the first outcome of the same Idempotency-Key. Every door calls
 * this: the checkout limits, the email and phone normalisation and the order's total are decided
 * here and nowhere else.
 */
export async function placeOrder(deps: CheckoutDeps, given: PlaceOrderInput): Promise<PlaceOrderResult> {
  await limitCheckout(deps.rateLimiter, given.caller);
  const input = { ...given, ...orderContactOf(given) };
  const scope = `checkout:${'customerId' in input.owner ? input.owner.customerId : input.owner.sessionTokenHash}`;
  const { idempotencyKey, owner: _owner, caller: _caller, shopperKey: _key, log: _log, ...request } = input;
  const requestHash = hashRequest(request);
  let purchased: string[] = [];
  const placed = await withTransaction(deps.db, async (tx) => {
    purchased = [];
    const replay = await claimIdempotencyKey<Omit<PlaceOrderResult, 'accessToken'>>(tx, {
      scope,
      key: idempotencyKey,
      requestHash,
    });
    if (replay)
      return { ...replay.response, accessToken: await issueOrderAccessToken(tx, replay.response.orderId) };

    const address = await resolveAddress(tx, input);
    const cart = await getCart(tx, input.owner);
    if (!cart.id || cart.lines.length === 0) throw conflict('cart_empty', 'The cart is empty.');
    const quote = quoteCart(cart, { deliveryOption: input.deliveryOption, province: address.province });
    if (quote.blockedVariantIds.length) {
      throw conflict('cart_not_purchasable', 'Some items can no longer be bought; review the cart.', {
        variantIds: quote.blockedVariantIds,
      });
    }
    if (input.shownTotalMinor !== undefined && input.shownTotalMinor !== quote.total.amountMinor) {
      throw conflict(
        'checkout_total_changed',
        `The total is now ${quote.total.amountMinor} minor units, not the ${input.shownTotalMinor} shown; confirm the new total.`,
        { total: quote.total, shownTotalMinor: input.shownTotalMinor },
      );
    }
    const orderId = newId('ord');
    await reserveStock(tx, {
      holderId: orderId,
      lines: quote.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      ttlMinutes: PAYMENT_DUE_MINUTES + RESERVATION_GRACE_MINUTES,
    });
    const created = await createOrder(tx, {
      id: orderId,
      customerId: input.customerId,
      email: input.email,
      phone: input.phone,
      currency: quote.total.currency,
      subtotalMinor: quote.subtotal.amountMinor,
      shippingMinor: quote.shipping.amountMinor,
      discountMinor: quote.discount.amountMinor,
      totalMinor: quote.total.amountMinor,
      shippingAddress: address,
      deliveryOption: quote.deliveryOption.code,
      locale: input.locale,
      paymentDueMinutes: PAYMENT_DUE_MINUTES,
      lines: quote.lines.map((l) => ({
        productId: l.productId,
        variantId: l.variantId,
        sku: l.sku,
        title: l.title,
        variantLabel: l.variantLabel,
        image: l.image,
        unitPriceMinor: l.unitPrice.amountMinor,
        quantity: l.quantity,
      })),
      actor: input.customerId ? `customer:${input.customerId}` : 'guest',
    });
    if (!(await markCartOrdered(tx, cart.id))) {
      throw conflict('cart_changed', 'The cart was checked out elsewhere; reload and try again.');
    }
    const result = {
      orderId,
      number: created.number,
      status: 'pending_payment' as const,
      total: quote.total,
      paymentDueAt: created.paymentDueAt.toISOString(),
    };
    await saveIdempotentResponse(tx, { scope, key: idempotencyKey, statusCode: 201, response: result });
    purchased = [...new Set(quote.lines.map((l) => l.productId))];
    return { ...result, accessToken: created.accessToken };
  });
  // After commit, and only for the placement itself (not a replay): a customer's purchase is
  // recorded by the `order.placed` consumer instead.
  if (!input.customerId && input.shopperKey && purchased.length)
    await recordVisitorEvents(
      deps.db,
      input.shopperKey,
      purchased.map((productId) => ({ kind: 'purchase' as const, productId })),
      input.log ?? SILENT,
    );
  return placed;
}

const SILENT: EventFailureLog = { warn: () => {} };

/** What is wrong with an order's email and phone (checked after normalising; empty when nothing). */
export function orderContactIssues(contact: { email: string; phone: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isValidEmail(normaliseEmail(contact.email)))
    issues.push(badFormatIssue('email', 'email', 'must be an email address'));
  if (!isValidPhone(normalisePhone(contact.phone.trim())))
    issues.push(badFormatIssue('phone', 'phone', 'must be a phone number'));
  return issues;
}

/** The email and phone in their stored form, or 400 `validation_failed` naming the bad ones. */
function orderContactOf(contact: { email: string; phone: string }): { email: string; phone: string } {
  const issues = orderContactIssues(contact);
  if (issues.length) throw validationFailed(issues);
  return { email: normaliseEmail(contact.email), phone: normalisePhone(contact.phone.trim()) };
}

/**
 * A saved address must belong to the signed-in customer; anyone else's (or a guest using one)
 * is answered like an unknown id (customers' `getAddress` checks the owner).
 */
async function resolveAddress(db: Db, input: PlaceOrderInput): Promise<ShippingAddress> {
  if (!('savedAddressId' in input.address)) {
    const a = checkAddress(input.address, { complete: true, prefix: 'address' });
    return {
      recipient: a.recipient!,
      phone: a.phone!,
      province: a.province!,
      city: a.city!,
      district: a.district ?? '',
      line1: a.line1!,
      postalCode: a.postalCode ?? '',
    };
  }
  if (!input.customerId) throw notFound('address');
  const { recipient, phone, province, city, district, line1, postalCode } = await getAddress(
    db,
    input.customerId,
    input.address.savedAddressId,
  );
  return { recipient, phone, province, city, district, line1, postalCode };
}
