/**
 * Orders and payments in words: status names, payment methods, failure codes and timeline
 * entries, all from the catalogue, so the storefront and the console say them the same way.
 */
import { formatMoney } from '../../app/money.ts';
import { type Locale, tOr } from './i18n.ts';

/** The name of an order status (`order.status.<status>`). */
export function orderStatusLabel(locale: Locale, status: string): string {
  return tOr(locale, `order.status.${status}`, 'order.status.unknown');
}

/** The name of a payment method (`payment.method.<method>`), e.g. 银行卡 / card. */
export function paymentMethodLabel(locale: Locale, method: string): string {
  return tOr(locale, `payment.method.${method}`, 'payment.method.other');
}

/** What a provider's failure code means (`payment.failure.<code>`), e.g. 银行卡被拒绝. */
export function paymentFailureText(locale: Locale, code: string): string {
  return tOr(locale, `payment.failure.${code}`, 'payment.failure.other');
}

/**
 * One timeline entry as a sentence (`timeline.<type>`), its parameters put in words first: codes
 * become their catalogue names and amounts are formatted for the locale.
 */
export function timelineText(
  locale: Locale,
  entry: { type: string; params: Record<string, string | number> },
): string {
  const params: Record<string, string | number> = { ...entry.params };
  if (typeof params.method === 'string') params.method = paymentMethodLabel(locale, params.method);
  if (typeof params.failureCode === 'string')
    params.failureCode = paymentFailureText(locale, params.failureCode);
  if (typeof params.orderStatus === 'string')
    params.orderStatus = orderStatusLabel(locale, params.orderStatus);
  if (typeof params.amountMinor === 'number' && typeof params.currency === 'string')
    params.amount = formatMoney({ amountMinor: params.amountMinor, currency: params.currency }, locale);
  return tOr(locale, `timeline.${entry.type}`, 'timeline.other', params);
}

/**
 * Who made a timeline entry, in words: `system`, `guest`, `customer:<id>`, `staff:<id>` or
 * `provider:<name>` (the id or name is kept, as merchants look people up by it).
 */
export function actorLabel(locale: Locale, actor: string): string {
  const [kind = '', ...rest] = actor.split(':');
  return tOr(locale, `actor.${kind}`, 'actor.other', { id: rest.join(':') || actor });
}

/** A delivery option's name (`delivery.<code>`), or a generic word for a code no longer offered. */
export function deliveryOptionName(locale: Locale, code: string): string {
  return tOr(locale, `delivery.${code}`, 'delivery.other');
}
