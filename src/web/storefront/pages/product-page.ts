/**
 * Product page: gallery, variant picker (radio groups; a GET form reloads with ?variant= when
 * there is no JavaScript, `variant-picker.js` switches instantly otherwise), stock, price,
 * add-to-cart form in a bottom buy bar on phones, description, attributes, and recommendation
 * shelves (similar items, frequently bought together).
 */
import type { Money } from '../../../app/money.ts';
import { html, raw, type SafeHtml } from '../../html.ts';
import { type Locale, pick, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { formatCny, formatUsd, renderPrice } from '../components/price.ts';
import {
  renderRecommendationShelf,
  type ShelfView,
  withoutProducts,
} from '../components/recommendation-shelf.ts';

type Text = { zh: string; en: string };

/** The parts of the catalog's ProductDetail this page shows. */
export interface ProductView {
  id: string;
  slug: string;
  title: Text;
  description: Text;
  brand: { name: Text } | null;
  category: { slug: string; name: Text; breadcrumb: { slug: string; name: Text }[] };
  attributes: { code: string; name: Text; value: Text }[];
  options: { code: string; name: Text; values: { code: string; zh: string; en: string }[] }[];
  variants: {
    id: string;
    sku: string;
    optionValues: Record<string, string>;
    price: Money;
    compareAt: Money | null;
    available: number;
    isActive: boolean;
  }[];
  media: { url: string; alt: Text; width: number; height: number }[];
  salesCount: number;
  rating: { average: number | null; count: number };
}

type Variant = ProductView['variants'][number];

/** Fewer than this many units left shows "only N left". */
export const LOW_STOCK = 5;

/** The stock line of a variant: text and the CSS class that colours it. */
export function stockStatus(locale: Locale, available: number): { text: string; className: string } {
  if (available <= 0) return { text: t(locale, 'product.outOfStock'), className: 'stock-out' };
  if (available <= LOW_STOCK)
    return { text: t(locale, 'product.lowStock', { count: available }), className: 'stock-low' };
  return { text: t(locale, 'product.inStock'), className: 'stock-in' };
}

/**
 * The variant to show: the one named by `?variant=`, else the first active one in stock, else
 * the first active one.
 */
export function selectVariant(product: ProductView, variantId: string | undefined): Variant | null {
  const active = product.variants.filter((v) => v.isActive);
  return active.find((v) => v.id === variantId) ?? active.find((v) => v.available > 0) ?? active[0] ?? null;
}

/** The active variant matching chosen option values (from the no-JS picker), closest first. */
export function variantForOptions(product: ProductView, chosen: Record<string, string>): Variant | null {
  const active = product.variants.filter((v) => v.isActive);
  const score = (v: Variant) =>
    Object.entries(chosen).filter(([code, value]) => v.optionValues[code] === value).length * 2 +
    (v.available > 0 ? 1 : 0);
  return [...active].sort((a, b) => score(b) - score(a))[0] ?? null;
}

function renderGallery(locale: Locale, product: ProductView): SafeHtml {
  const title = pick(locale, product.title);
  if (product.media.length === 0)
    return html`<div class="gallery"><div class="thumb" aria-hidden="true"></div></div>`;
  return html`<section class="gallery" aria-label="${t(locale, 'product.gallery')}">
    <ul class="gallery-main" tabindex="0" aria-label="${t(locale, 'product.gallery')}">
      ${product.media.map(
        (m, i) => html`<li id="image-${i}"><img src="${m.url}" alt="${pick(locale, m.alt) || title}"
          width="${m.width || 800}" height="${m.height || 800}"
          ${i === 0 ? html`fetchpriority="high"` : html`loading="lazy"`} decoding="async"></li>`,
      )}
    </ul>
    ${
      product.media.length > 1 &&
      html`<ul class="gallery-thumbs">
      ${product.media.map(
        (
          m,
          i,
        ) => html`<li><a href="#image-${i}" aria-label="${t(locale, 'product.image', { n: i + 1 })}" ${i === 0 && html`aria-current="true"`}>
          <img class="thumb" src="${m.url}" alt="" width="56" height="56" loading="lazy" decoding="async"></a></li>`,
      )}
    </ul>`
    }
  </section>`;
}

function renderPicker(locale: Locale, product: ProductView, variant: Variant): SafeHtml | null {
  if (product.options.length === 0) return null;
  const active = product.variants.filter((v) => v.isActive);
  return html`<form class="picker" method="get" action="/p/${product.slug}" data-variant-picker>
    ${product.options.map(
      (o) => html`<fieldset><legend>${pick(locale, o.name)}</legend><div class="options">
      ${o.values.map((value) => {
        const offered = active.some((v) => v.optionValues[o.code] === value.code);
        const checked = variant.optionValues[o.code] === value.code;
        return html`<label class="option"><input type="radio" name="o.${o.code}" value="${value.code}"
            data-option="${o.code}" ${checked && html`checked`} ${!offered && html`disabled`}><span>${locale === 'en' ? value.en || value.zh : value.zh || value.en}</span></label>`;
      })}
      </div></fieldset>`,
    )}
    <noscript><button class="button button-secondary" type="submit">${t(locale, 'product.choose')}</button></noscript>
  </form>`;
}

function variantData(locale: Locale, product: ProductView): SafeHtml {
  const variants = product.variants
    .filter((v) => v.isActive)
    .map((v) => {
      const stock = stockStatus(locale, v.available);
      const was =
        v.compareAt && v.compareAt.amountMinor > v.price.amountMinor ? formatCny(v.compareAt) : null;
      return {
        id: v.id,
        optionValues: v.optionValues,
        price: formatCny(v.price),
        priceUsd: t(locale, 'price.approx', { usd: formatUsd(v.price) }),
        compareAt: was,
        stockText: stock.text,
        stockClass: stock.className,
        canBuy: v.available > 0,
        imageIndex: null,
      };
    });
  // JSON inside <script> must not contain "</script>": escape every "<".
  const json = JSON.stringify({ variants }).replace(/</g, '\\u003c');
  return raw(`<script type="application/json" id="variant-data">${json}</script>`);
}

function renderBuyForm(ctx: PageContext, variant: Variant | null): SafeHtml {
  const { locale } = ctx;
  const canBuy = Boolean(variant && variant.available > 0);
  const max = variant ? Math.max(1, Math.min(99, variant.available)) : 1;
  return html`<form class="buy-bar" method="post" action="/cart/items" data-add-to-cart>
    ${csrfField(ctx)}
    <input type="hidden" name="variantId" value="${variant?.id ?? ''}">
    <div class="qty"><label class="visually-hidden" for="buy-quantity">${t(locale, 'product.quantity')}</label>
      <input id="buy-quantity" type="number" name="quantity" value="1" min="1" max="${max}" inputmode="numeric" required></div>
    <button class="button" type="submit" data-buy data-testid="add-to-cart" ${!canBuy && html`disabled`}>${t(locale, 'product.addToCart')}</button>
    <button class="button button-secondary" type="submit" name="buyNow" value="1" data-buy data-testid="buy-now" ${!canBuy && html`disabled`}>${t(locale, 'product.buyNow')}</button>
  </form>`;
}

/** The product page's recommendation shelves; a null one (it failed) is left out. */
export interface ProductShelves {
  similar?: ShelfView | null;
  boughtTogether?: ShelfView | null;
}

/** Renders the product page for the chosen variant. */
export function renderProductPage(
  ctx: PageContext,
  product: ProductView,
  variant: Variant | null,
  shelves: ProductShelves = {},
): string {
  const { locale } = ctx;
  const title = pick(locale, product.title);
  const stock = stockStatus(locale, variant?.available ?? 0);
  const price = variant?.price ?? product.variants[0]?.price ?? { amountMinor: 0, currency: 'CNY' };
  const description = pick(locale, product.description);
  const main = html`
    <nav class="breadcrumb" aria-label="${t(locale, 'product.breadcrumb')}"><ol>
      <li><a href="/">${t(locale, 'nav.home')}</a></li>
      ${product.category.breadcrumb.map((c) => html`<li><a href="/c/${c.slug}">${pick(locale, c.name)}</a></li>`)}
    </ol></nav>
    <div class="product" data-product-view="${product.id}">
      ${renderGallery(locale, product)}
      <div>
        ${product.brand && html`<p class="muted">${pick(locale, product.brand.name)}</p>`}
        <h1>${title}</h1>
        <p class="product-price">${renderPrice(locale, price, variant?.compareAt, { live: true })}</p>
        <p class="muted">${t(locale, 'product.sold', { count: product.salesCount })}${
          product.rating.average !== null &&
          html` · ${t(locale, 'product.rating', { rating: product.rating.average.toFixed(1) })}`
        }</p>
        ${variant && renderPicker(locale, product, variant)}
        <p class="stock ${stock.className}" data-stock data-testid="stock-status" role="status">${stock.text}</p>
        ${renderBuyForm(ctx, variant)}
      </div>
    </div>
    ${
      description &&
      html`<section class="section panel" aria-labelledby="product-description">
      <h2 id="product-description">${t(locale, 'product.description')}</h2>
      <p class="description">${description}</p></section>`
    }
    ${
      product.attributes.length > 0 &&
      html`<section class="section panel" aria-labelledby="product-specs">
      <h2 id="product-specs">${t(locale, 'product.specs')}</h2>
      <table class="attributes"><tbody>
        ${product.attributes.map((a) => html`<tr><th scope="row">${pick(locale, a.name)}</th><td>${pick(locale, a.value)}</td></tr>`)}
      </tbody></table></section>`
    }
    ${renderRecommendationShelf(locale, shelves.boughtTogether)}
    ${renderRecommendationShelf(locale, withoutProducts(shelves.similar, shelves.boughtTogether?.items.map((i) => i.product) ?? []))}
    ${variantData(locale, product)}`;
  const first = product.media[0];
  return renderPage(ctx, {
    title: `${title} · Lantern 灯笼`,
    description: `${title} — ${formatCny(price)}. ${description.slice(0, 120)}`,
    canonicalPath: `/p/${product.slug}`,
    head: first ? html`<link rel="preload" as="image" href="${first.url}" fetchpriority="high">` : undefined,
    scripts: ['js/variant-picker.js', 'js/add-to-cart.js'],
    main,
  });
}
