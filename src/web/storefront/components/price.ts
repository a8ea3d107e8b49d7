/** Prices as shoppers see them: CNY first, the USD equivalent beside it, compare-at struck through. */
import { formatMoney, type Money, toUsd } from '../../../app/money.ts';
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, t } from '../../i18n/index.ts';

/** `¥1,299.00` in both languages (Chinese shoppers read ¥; English readers know it too). */
export function formatCny(money: Money): string {
  return formatMoney(money, 'zh-CN');
}

/** `US$181.86`, the display-only USD equivalent. */
export function formatUsd(money: Money): string {
  return formatMoney(toUsd(money), 'zh-CN');
}

/** The price block: price, optional struck-through compare-at, and `≈ US$…`. */
export function renderPrice(
  locale: Locale,
  price: Money,
  compareAt: Money | null | undefined,
  options: { live?: boolean } = {},
): SafeHtml {
  const live = options.live === true;
  const was = compareAt && compareAt.amountMinor > price.amountMinor ? compareAt : null;
  return html`<span class="price" ${live && html`data-price`}>${formatCny(price)}</span>
    ${
      live
        ? html`<s class="price-was" data-price-was ${!was && html`hidden`}>${was ? formatCny(was) : ''}</s>`
        : was &&
          html`<s class="price-was"><span class="visually-hidden">${t(locale, 'product.wasPrice', { price: '' })}</span>${formatCny(was)}</s>`
    }
    <span class="price-usd" ${live && html`data-price-usd`}>${t(locale, 'price.approx', { usd: formatUsd(price) })}</span>`;
}
