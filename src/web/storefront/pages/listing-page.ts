/**
 * Category listing and search results share one layout: a GET filter form with facet counts
 * (brand, price range, in stock), sort links, the product grid, and rel=prev/next pagination;
 * a search that finds little gets a "you may like" shelf under it.
 */
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, pick, t } from '../../i18n/index.ts';
import type { PageContext } from '../../layout/page-shell.ts';
import { renderPage } from '../../layout/page-shell.ts';
import { formatCny } from '../components/price.ts';
import { type CardProduct, renderProductGrid } from '../components/product-card.ts';
import { renderRecommendationShelf, type ShelfView } from '../components/recommendation-shelf.ts';
import { type ListingQuery, listingHref, SORTS, type Sort } from '../listing-query.ts';

type Text = { zh: string; en: string };

export interface ListingData {
  kind: 'category' | 'search';
  /** The page's path without query: `/c/phones` or `/search`. */
  path: string;
  heading: string;
  description?: string;
  breadcrumb: { name: Text; href: string }[];
  subcategories: { slug: string; name: Text }[];
  query: ListingQuery;
  defaultSort: Sort;
  products: CardProduct[];
  total: number;
  pageSize: number;
  facets: {
    brands: { id: string; name: Text; count: number }[];
    priceRanges: { minMinor: number; maxMinor: number | null; count: number }[];
    inStockCount: number | null;
  };
  corrected?: string | null;
  /** "You may like", shown under a search that found little; null or absent for none. */
  shelf?: ShelfView | null;
}

function rangeLabel(range: { minMinor: number; maxMinor: number | null }): string {
  const min = formatCny({ amountMinor: range.minMinor, currency: 'CNY' }).replace(/\.00$/, '');
  if (range.maxMinor === null) return `${min}+`;
  return `${min} – ${formatCny({ amountMinor: range.maxMinor, currency: 'CNY' }).replace(/\.00$/, '')}`;
}

function renderFilters(locale: Locale, data: ListingData): SafeHtml {
  const { query } = data;
  const hasFilters = query.brandIds.length > 0 || query.price !== '' || query.inStock;
  return html`<form class="panel filters" method="get" action="${data.path}" aria-label="${t(locale, 'listing.filters')}">
    <details ${hasFilters && html`open`}><summary>${t(locale, 'listing.filters')}</summary>
    ${query.q && html`<input type="hidden" name="q" value="${query.q}">`}
    ${query.sort !== data.defaultSort && html`<input type="hidden" name="sort" value="${query.sort}">`}
    ${
      data.facets.brands.length > 0 &&
      html`<fieldset><legend>${t(locale, 'listing.brand')}</legend>
      ${data.facets.brands.map(
        (
          b,
        ) => html`<label class="check"><input type="checkbox" name="brand" value="${b.id}" ${query.brandIds.includes(b.id) && html`checked`}>
          ${pick(locale, b.name)} <span class="facet-count">(${b.count})</span></label>`,
      )}</fieldset>`
    }
    ${
      data.facets.priceRanges.length > 0 &&
      html`<fieldset><legend>${t(locale, 'listing.price')}</legend>
      ${data.facets.priceRanges.map((r) => {
        const value = `${r.minMinor}-${r.maxMinor ?? ''}`;
        return html`<label class="check"><input type="radio" name="price" value="${value}" ${query.price === value && html`checked`}>
          ${rangeLabel(r)} <span class="facet-count">(${r.count})</span></label>`;
      })}</fieldset>`
    }
    <fieldset><legend class="visually-hidden">${t(locale, 'listing.inStock')}</legend>
      <label class="check"><input type="checkbox" name="inStock" value="1" ${query.inStock && html`checked`}>
        ${t(locale, 'listing.inStock')} ${data.facets.inStockCount !== null && html`<span class="facet-count">(${data.facets.inStockCount})</span>`}</label>
    </fieldset>
    <button class="button button-block" type="submit" data-testid="apply-filters">${t(locale, 'listing.apply')}</button>
    ${hasFilters && html`<p><a href="${listingHref(data.path, { ...query, brandIds: [], price: '', inStock: false, page: 1 }, data.defaultSort)}">${t(locale, 'listing.clear')}</a></p>`}
    </details>
  </form>`;
}

function renderSortLinks(locale: Locale, data: ListingData): SafeHtml {
  const sorts = SORTS.filter((s) => s !== 'relevance' || data.kind === 'search');
  return html`<nav aria-label="${t(locale, 'listing.sort')}"><ul class="sort-links">
    ${sorts.map(
      (s) =>
        html`<li><a href="${listingHref(data.path, data.query, data.defaultSort, { sort: s, page: 1 })}" ${s === data.query.sort && html`aria-current="true"`}>${t(locale, `listing.sort.${s}`)}</a></li>`,
    )}</ul></nav>`;
}

function pages(data: ListingData): number {
  return Math.max(1, Math.ceil(data.total / data.pageSize));
}

function renderPagination(locale: Locale, data: ListingData): SafeHtml | null {
  const count = pages(data);
  if (count <= 1) return null;
  const { page } = data.query;
  const href = (p: number) => listingHref(data.path, data.query, data.defaultSort, { page: p });
  return html`<nav class="pagination" aria-label="${t(locale, 'listing.pagination')}">
    ${page > 1 && html`<a class="button button-secondary" rel="prev" href="${href(page - 1)}">${t(locale, 'listing.prev')}</a>`}
    <span>${t(locale, 'listing.page', { page, pages: count })}</span>
    ${page < count && html`<a class="button button-secondary" rel="next" href="${href(page + 1)}">${t(locale, 'listing.next')}</a>`}
  </nav>`;
}

/** Renders a category or search results page. */
export function renderListingPage(ctx: PageContext, data: ListingData): string {
  const { locale } = ctx;
  const { query } = data;
  const count = pages(data);
  const href = (p: number) => listingHref(data.path, query, data.defaultSort, { page: p });
  const head = html`${query.page > 1 && html`<link rel="prev" href="${href(query.page - 1)}">`}
    ${query.page < count && html`<link rel="next" href="${href(query.page + 1)}">`}`;
  const empty =
    data.kind === 'search' && query.q
      ? html`<div class="panel" data-testid="empty-results"><p>${t(locale, 'search.empty', { q: query.q })}</p>
          <p class="muted">${t(locale, 'search.emptyHint')}</p></div>`
      : html`<div class="panel" data-testid="empty-results"><p>${t(locale, 'listing.empty')}</p></div>`;
  const main = html`
    ${
      data.breadcrumb.length > 0 &&
      html`<nav class="breadcrumb" aria-label="${t(locale, 'product.breadcrumb')}"><ol>
      <li><a href="/">${t(locale, 'nav.home')}</a></li>
      ${data.breadcrumb.map((b) => html`<li><a href="${b.href}">${pick(locale, b.name)}</a></li>`)}
    </ol></nav>`
    }
    <h1 ${data.kind === 'search' && query.q && query.page === 1 ? html`data-search-query="${query.q}"` : ''}>${data.heading}</h1>
    ${
      data.corrected &&
      html`<p class="notice" data-testid="did-you-mean">${t(locale, 'search.didYouMean', { corrected: data.corrected, q: query.q })}</p>`
    }
    ${
      data.subcategories.length > 0 &&
      html`<nav class="listing-subcategories" aria-label="${t(locale, 'listing.subcategories')}"><ul class="sort-links">
      ${data.subcategories.map((c) => html`<li><a href="/c/${c.slug}">${pick(locale, c.name)}</a></li>`)}</ul></nav>`
    }
    <div class="layout-with-filters">
      ${renderFilters(locale, data)}
      <div>
        <div class="toolbar"><p class="muted" role="status">${t(locale, 'search.count', { count: data.total })}</p>${renderSortLinks(locale, data)}</div>
        ${data.products.length > 0 ? renderProductGrid(locale, data.products, { eagerCount: 2, headingLevel: 2, testId: 'results' }) : empty}
        ${renderPagination(locale, data)}
      </div>
    </div>
    ${renderRecommendationShelf(locale, data.shelf)}`;
  const canonicalPath = listingHref(
    data.path,
    { ...query, brandIds: [], price: '', inStock: false },
    data.defaultSort,
  );
  return renderPage(ctx, {
    title: `${data.heading} · Lantern 灯笼`,
    description: data.description,
    canonicalPath,
    head,
    noindex: data.kind === 'search',
    main,
  });
}
