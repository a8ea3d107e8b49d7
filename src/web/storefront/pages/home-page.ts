/**
 * Home: search, category grid, "for you" recommendations, best sellers and new arrivals (a feed
 * within two screens).
 */
import { html } from '../../html.ts';
import { pick, t } from '../../i18n/index.ts';
import type { NavCategory, PageContext } from '../../layout/page-shell.ts';
import { renderPage } from '../../layout/page-shell.ts';
import { type CardProduct, renderProductGrid } from '../components/product-card.ts';
import {
  renderRecommendationShelf,
  type ShelfView,
  withoutProducts,
} from '../components/recommendation-shelf.ts';

export interface HomeData {
  categories: NavCategory[];
  hot: CardProduct[];
  fresh: CardProduct[];
  /** The "for you" placement (more than a shelf: best sellers are left out); null when it failed. */
  forYou?: ShelfView | null;
}

/** Renders the home page. */
export function renderHomePage(ctx: PageContext, data: HomeData): string {
  const { locale } = ctx;
  // Without personal signals "for you" ranks best sellers: leave out those the next shelf shows.
  // A personal answer stays whole: its order is the point (the categories just viewed first).
  const shown = data.forYou?.personal ? [] : data.hot;
  const forYou = renderRecommendationShelf(locale, withoutProducts(data.forYou, shown), { eagerCount: 2 });
  const main = html`
    <h1 class="visually-hidden">${t(locale, 'site.tagline')}</h1>
    <section class="section" aria-labelledby="home-categories">
      <h2 id="home-categories">${t(locale, 'home.categories')}</h2>
      <ul class="category-grid">
        ${data.categories.map((c) => html`<li><a href="/c/${c.slug}">${pick(locale, c.name)}</a></li>`)}
      </ul>
    </section>
    ${forYou}
    <section class="section" aria-labelledby="home-hot">
      <div class="section-head"><h2 id="home-hot">${t(locale, 'home.hot')}</h2>
        <a href="/search?sort=best_selling">${t(locale, 'search.all')}</a></div>
      ${renderProductGrid(locale, data.hot, { eagerCount: forYou ? 0 : 2, testId: 'hot-list' })}
    </section>
    <section class="section" aria-labelledby="home-new">
      <div class="section-head"><h2 id="home-new">${t(locale, 'home.new')}</h2>
        <a href="/search?sort=newest">${t(locale, 'search.all')}</a></div>
      ${renderProductGrid(locale, data.fresh, { testId: 'new-list' })}
    </section>`;
  return renderPage(ctx, { title: t(locale, 'home.title'), canonicalPath: '/', main });
}
