/** A product tile for grids (home, listing, search, related). The whole card is one link. */
import type { Money } from '../../../app/money.ts';
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, pick, t } from '../../i18n/index.ts';
import { renderPrice } from './price.ts';

type Text = { zh: string; en: string };

/** What a card shows; the catalog's ProductSummary has this shape. */
export interface CardProduct {
  slug: string;
  title: Text;
  brand: Text | null;
  price: Money;
  compareAt: Money | null;
  image: { url: string; alt: Text; width: number; height: number } | null;
  inStock: boolean;
  salesCount: number;
}

export interface CardOptions {
  /** The first cards of the first screen load eagerly; the rest lazily. */
  eager?: boolean;
  headingLevel?: 2 | 3;
  /** Extra attributes on the card's link (e.g. a recommendation shelf's `data-rec-product`). */
  linkAttributes?: SafeHtml;
  /** Extra content at the foot of the card body (e.g. why it is recommended). */
  footer?: SafeHtml;
}

/** One card inside an `<li>`. */
export function renderProductCard(locale: Locale, product: CardProduct, options: CardOptions = {}): SafeHtml {
  const title = pick(locale, product.title);
  const image = product.image;
  const img = image
    ? html`<img class="card-img" src="${image.url}" alt="" width="${image.width || 400}" height="${image.height || 400}"
        ${options.eager ? html`fetchpriority="high"` : html`loading="lazy"`} decoding="async">`
    : html`<div class="card-img" aria-hidden="true"></div>`;
  const link = html`<a href="/p/${product.slug}"${options.linkAttributes && html` ${options.linkAttributes}`}>${title}</a>`;
  const heading =
    options.headingLevel === 2
      ? html`<h2 class="card-title">${link}</h2>`
      : html`<h3 class="card-title">${link}</h3>`;
  return html`<li><article class="card">
    ${img}
    <div class="card-body">
      ${heading}
      <div>${renderPrice(locale, product.price, product.compareAt)}</div>
      <div class="card-meta">${product.inStock ? t(locale, 'product.sold', { count: product.salesCount }) : html`<span class="tag-out">${t(locale, 'product.outOfStock')}</span>`}</div>
      ${options.footer}
    </div>
  </article></li>`;
}

/** A grid of cards; the first `eagerCount` images load eagerly. */
export function renderProductGrid(
  locale: Locale,
  products: CardProduct[],
  options: { eagerCount?: number; headingLevel?: 2 | 3; testId?: string } = {},
): SafeHtml {
  return html`<ul class="grid" ${options.testId && html`data-testid="${options.testId}"`}>${products.map(
    (p, i) =>
      renderProductCard(locale, p, {
        eager: i < (options.eagerCount ?? 0),
        headingLevel: options.headingLevel,
      }),
  )}</ul>`;
}
