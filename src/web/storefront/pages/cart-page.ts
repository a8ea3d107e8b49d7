/**
 * The cart: each line with a quantity form and a remove button, the subtotal and checkout, and
 * "complete your order" recommendations under it.
 */
import type { Money } from '../../../app/money.ts';
import { html } from '../../html.ts';
import { pick, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { formatCny, formatUsd } from '../components/price.ts';
import { renderRecommendationShelf, type ShelfView } from '../components/recommendation-shelf.ts';

type Text = { zh: string; en: string };

/** The parts of the cart module's Cart this page shows. */
export interface CartView {
  lines: {
    variantId: string;
    productSlug: string;
    title: Text;
    variantLabel: Text;
    image: string | null;
    unitPrice: Money;
    quantity: number;
    lineTotal: Money;
    available: number;
    isPurchasable: boolean;
  }[];
  itemCount: number;
  subtotal: Money;
}

/**
 * Renders the cart page; `notice` is a one-off message (an error from the last action), `shelf`
 * the "complete your order" placement (none when null or empty).
 */
export function renderCartPage(
  ctx: PageContext,
  cart: CartView,
  notice?: string,
  shelf?: ShelfView | null,
): string {
  const { locale } = ctx;
  const lines = cart.lines.map((line, i) => {
    const title = pick(locale, line.title);
    const label = pick(locale, line.variantLabel);
    const max = Math.max(line.quantity, Math.min(99, line.available));
    return html`<li class="line" data-testid="cart-line">
      ${
        line.image
          ? html`<img src="${line.image}" alt="" width="72" height="72" ${i > 3 && html`loading="lazy"`}>`
          : html`<div class="thumb" aria-hidden="true"></div>`
      }
      <div>
        <a href="/p/${line.productSlug}">${title}</a>
        ${label && html`<div class="muted">${label}</div>`}
        <div><span class="price">${formatCny(line.lineTotal)}</span>
          <span class="price-usd">${t(locale, 'price.approx', { usd: formatUsd(line.lineTotal) })}</span></div>
        ${!line.isPurchasable && html`<div class="stock stock-out">${t(locale, 'cart.unavailable')}</div>`}
        <div class="line-actions">
          <form method="post" action="/cart/items/${line.variantId}">
            ${csrfField(ctx)}
            <label class="visually-hidden" for="qty-${line.variantId}">${t(locale, 'cart.quantityOf', { title })}</label>
            <input class="qty-input" id="qty-${line.variantId}" type="number" name="quantity" value="${line.quantity}" min="0" max="${max}" inputmode="numeric">
            <button class="button button-secondary" type="submit" data-testid="update-quantity">${t(locale, 'cart.update')}</button>
          </form>
          <form method="post" action="/cart/items/${line.variantId}/remove">
            ${csrfField(ctx)}
            <button class="button button-secondary" type="submit" data-testid="remove-line">${t(locale, 'cart.remove')}<span class="visually-hidden"> ${title}</span></button>
          </form>
        </div>
      </div>
    </li>`;
  });
  const main =
    cart.lines.length === 0
      ? html`<h1>${t(locale, 'cart.title')}</h1>${notice && html`<p class="notice" role="alert">${notice}</p>`}
        <div class="panel" data-testid="empty-cart"><p>${t(locale, 'cart.empty')}</p>
        <a class="button" href="/">${t(locale, 'cart.continue')}</a></div>`
      : html`<h1>${t(locale, 'cart.title')}</h1>
        ${notice && html`<p class="notice" role="alert">${notice}</p>`}
        <div class="two-col">
          <section class="panel" aria-label="${t(locale, 'cart.item')}"><ul class="lines">${lines}</ul></section>
          <aside class="panel">
            <dl class="totals"><div class="grand"><dt>${t(locale, 'cart.subtotal')}</dt>
              <dd data-testid="cart-subtotal">${formatCny(cart.subtotal)}</dd></div></dl>
            <p class="price-usd">${t(locale, 'price.approx', { usd: formatUsd(cart.subtotal) })}</p>
            <a class="button button-block" href="/checkout" data-testid="go-to-checkout">${t(locale, 'cart.checkout')}</a>
          </aside>
        </div>
        ${renderRecommendationShelf(locale, shelf)}`;
  return renderPage(ctx, { title: `${t(locale, 'cart.title')} · Lantern 灯笼`, noindex: true, main });
}
