/**
 * Money is integer minor units plus an ISO 4217 currency: never floating point. Prices are held in
 * CNY; USD is for display only, at a configured rate.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

/** Display-only conversion; orders are always charged in CNY. */
export const USD_PER_CNY = Number(process.env.USD_PER_CNY || 0.14);

export function cny(amountMinor: number): Money {
  return { amountMinor, currency: 'CNY' };
}

/** Formats for a locale: `¥1,299.00` or `US$181.86`. */
export function formatMoney(money: Money, locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
    money.amountMinor / 100,
  );
}

/** The USD equivalent of a CNY amount, rounded to the cent. */
export function toUsd(money: Money): Money {
  if (money.currency !== 'CNY') return money;
  return { amountMinor: Math.round(money.amountMinor * USD_PER_CNY), currency: 'USD' };
}
