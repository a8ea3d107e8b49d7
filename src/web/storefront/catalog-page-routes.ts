/**
 * Catalog pages: home, category listing, search results and product. Anonymous visitors (no
 * shopper session) share a few seconds of in-process cache per canonical URL (the parsed query
 * rebuilt, so unknown or repeated parameters make no new entry) and display preferences, unless
 * a recommendation shelf on the page is theirs alone (personal, or an experiment arm).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BoundedCache } from '../../app/bounded-cache.ts';
import type { ProductSummary } from '../../modules/catalog/index.ts';
import {
  getCategoryBySlug,
  getProductDetail,
  listHotProducts,
  listNewProducts,
} from '../../modules/catalog/index.ts';
import type { ServedPlacement } from '../../modules/recommendations/index.ts';
import { searchProductSummaries } from '../../modules/search/index.ts';
import { t } from '../i18n/index.ts';
import type { PageContext } from '../layout/page-shell.ts';
import { compressPage, sendPage } from '../layout/send-page.ts';
import { SHELF_SIZE } from './components/recommendation-shelf.ts';
import {
  type ListingQuery,
  listingHref,
  PAGE_SIZE,
  parseListingQuery,
  priceBounds,
  type Sort,
} from './listing-query.ts';
import { type CachedPage, createPageCache, DataCache, pageBytes } from './page-cache.ts';
import { categoryTree, pageContextOf } from './page-context.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { renderHomePage } from './pages/home-page.ts';
import { type ListingData, renderListingPage } from './pages/listing-page.ts';
import { renderProductPage, selectVariant, variantForOptions } from './pages/product-page.ts';
import { anyVisitorSpecific, loadShelf, mayBePersonal, once } from './recommendation-shelves.ts';

const HOME_SHELF_SIZE = 10;
/** Fewer search hits than this show a "you may like" shelf under them. */
const FEW_RESULTS = 4;

type Render = (ctx: PageContext) => Promise<{ html: string; status?: number } | { redirect: string }>;

/** The page's recommendation shelves, loaded at most once per request. */
type Shelves = () => Promise<readonly (ServedPlacement | null)[]>;

/**
 * Renders through the anonymous-page cache: requests with a shopper session (a cart count and
 * CSRF token in the page) always render fresh. For a visitor who may get a shelf of their own,
 * the shelves are resolved before the cache lookup (beside the page context): when one is
 * theirs, the page neither comes from nor goes into the cache. Other visitors' shelves are
 * loaded by `render` on a miss, so a cache hit costs them nothing.
 *
 * `canonical` is the page's URL rebuilt from what the route understood of it (null: never
 * cache); the page is keyed and rendered with it (its forms return to it), so a page made for
 * `/?junk` is the page of `/`. Only 200 pages are kept, so unknown slugs cannot fill the cache.
 */
async function cachedPage(
  cache: BoundedCache<CachedPage>,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: { canonical: string | null; query?: string; currentCategory?: string },
  render: Render,
  shelves?: Shelves,
) {
  const { canonical, ...context } = extra;
  const [ctx, own] = await Promise.all([
    pageContextOf(request, canonical ? { ...context, path: canonical } : context),
    shelves && mayBePersonal(request) ? shelves().then(anyVisitorSpecific) : false,
  ]);
  const consent = ctx.consent ? `${+ctx.consent.personalisation}${+ctx.consent.analytics}` : '-';
  const key = `${canonical}|${ctx.locale}|${ctx.theme}|${ctx.density}|${consent}`;
  const shared = canonical !== null && !request.shopperSession && !own;
  if (shared) {
    const hit = cache.get(key);
    if (hit) return sendPage(request, reply, hit.page, { status: hit.status });
  }
  const generation = cache.generation;
  const result = await render(ctx);
  if ('redirect' in result) return reply.redirect(result.redirect, 303);
  const page = compressPage(result.html);
  const status = result.status ?? 200;
  // A visitor without a shopper key should never get a shelf of their own: checked again anyway.
  const personal = own || (shelves !== undefined && anyVisitorSpecific(await shelves()));
  // Not a page rendered before a merchant's change that arrived meanwhile.
  if (shared && !personal && status === 200 && cache.generation === generation) {
    cache.set(key, { page, status }, pageBytes(page));
  }
  return sendPage(request, reply, page, { status, personal });
}

function listingData(
  base: Pick<
    ListingData,
    'kind' | 'path' | 'heading' | 'description' | 'breadcrumb' | 'subcategories' | 'defaultSort'
  >,
  query: ListingQuery,
  result: Awaited<ReturnType<typeof searchProductSummaries>>,
): ListingData {
  return {
    ...base,
    query,
    products: result.items satisfies ProductSummary[],
    total: result.total,
    pageSize: result.pageSize,
    facets: {
      brands: result.facets.brands.map((b) => ({ id: b.id, name: b.name, count: b.count })),
      priceRanges: result.facets.priceRanges.filter((r) => r.count > 0),
      inStockCount: result.facets.inStock,
    },
    corrected: result.corrected ?? null,
  };
}

function searchInput(query: ListingQuery) {
  return {
    q: query.q || undefined,
    brandIds: query.brandIds.length ? query.brandIds : undefined,
    ...priceBounds(query),
    inStock: query.inStock || undefined,
    sort: query.sort,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

/** Home, /c/:slug, /search and /p/:slug. */
export async function catalogPageRoutes(app: FastifyInstance) {
  const cache = createPageCache(app.deps.caches);
  const reads = new DataCache(app.deps.caches);
  const db = app.deps.sql;

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    // Room to leave out the best sellers the home page shows anyway.
    const forYou = { placement: 'home_for_you', limit: HOME_SHELF_SIZE + SHELF_SIZE } as const;
    const shelves = once(async () => [await loadShelf(request, forYou)]);
    return cachedPage(
      cache,
      request,
      reply,
      { canonical: '/' },
      async (ctx) => {
        const [tree, hot, fresh, [forYou]] = await Promise.all([
          categoryTree(request),
          reads.get('hot', () => listHotProducts(db, HOME_SHELF_SIZE)),
          reads.get('new', () => listNewProducts(db, HOME_SHELF_SIZE)),
          shelves(),
        ]);
        return { html: renderHomePage(ctx, { categories: tree, hot, fresh, forYou }) };
      },
      shelves,
    );
  });

  app.get<{ Params: { slug: string } }>('/c/:slug', { schema: { hide: true } }, async (request, reply) => {
    const slug = request.params.slug;
    const defaultSort: Sort = 'best_selling';
    const query = parseListingQuery(request.query, defaultSort);
    const canonical = listingHref(`/c/${encodeURIComponent(slug)}`, query, defaultSort);
    return cachedPage(cache, request, reply, { canonical, currentCategory: slug }, async (ctx) => {
      const category = await reads.get(`category:${slug}`, () => getCategoryBySlug(db, slug));
      if (!category) return { html: renderErrorPage(ctx, 404), status: 404 };
      const input = { ...searchInput(query), categoryId: category.id };
      const result = await reads.get(`search:${JSON.stringify(input)}`, () =>
        searchProductSummaries(db, input),
      );
      const heading = ctx.locale === 'en' ? category.name.en || category.name.zh : category.name.zh;
      const data = listingData(
        {
          kind: 'category',
          path: `/c/${category.slug}`,
          heading,
          breadcrumb: category.breadcrumb.map((c) => ({ name: c.name, href: `/c/${c.slug}` })),
          subcategories: category.children,
          defaultSort,
        },
        query,
        result,
      );
      return { html: renderListingPage(ctx, data) };
    });
  });

  app.get('/search', { schema: { hide: true } }, async (request, reply) => {
    const query = parseListingQuery(request.query, 'relevance');
    const sort: Sort = query.q ? 'relevance' : 'best_selling';
    const effective = parseListingQuery(request.query, sort);
    // Only a query's first page can show the "you may like" shelf; it loads beside the search
    // and is shown when the search finds little.
    const shelves = once(async () =>
      effective.q && effective.page === 1
        ? [await loadShelf(request, { placement: 'search_empty', query: effective.q })]
        : [],
    );
    return cachedPage(
      cache,
      request,
      reply,
      { canonical: listingHref('/search', effective, sort), query: query.q },
      async (ctx) => {
        const input = searchInput(effective);
        const [result, [youMayLike]] = await Promise.all([
          reads.get(`search:${JSON.stringify(input)}`, () => searchProductSummaries(db, input)),
          shelves(),
        ]);
        const heading = effective.q
          ? t(ctx.locale, 'search.title', { q: effective.q })
          : t(ctx.locale, 'search.all');
        const data = listingData(
          { kind: 'search', path: '/search', heading, breadcrumb: [], subcategories: [], defaultSort: sort },
          effective,
          result,
        );
        const shelf = result.total < FEW_RESULTS ? youMayLike : null;
        return { html: renderListingPage(ctx, { ...data, shelf }) };
      },
      shelves,
    );
  });

  app.get<{ Params: { slug: string }; Querystring: Record<string, string | string[] | undefined> }>(
    '/p/:slug',
    { schema: { hide: true } },
    async (request, reply) => {
      const slug = request.params.slug;
      const detail = once(() => reads.get(`product:${slug}`, () => getProductDetail(db, slug)));
      const chosen = optionChoices(request.query);
      const variantParam = typeof request.query.variant === 'string' ? request.query.variant : undefined;
      // Both shelves need the product id: they load right after the (cached) detail read.
      const shelves = once(async () => {
        const product = await detail();
        if (!product) return [];
        return Promise.all([
          // Twice the items: the page drops those already in "bought together".
          loadShelf(request, { placement: 'product_similar', productId: product.id, limit: 2 * SHELF_SIZE }),
          loadShelf(request, { placement: 'product_bought_together', productId: product.id }),
        ]);
      });
      return cachedPage(
        cache,
        request,
        reply,
        { canonical: await productCanonical(slug, detail, chosen, variantParam) },
        async (ctx) => {
          const product = await detail();
          if (!product) return { html: renderErrorPage(ctx, 404), status: 404 };
          if (Object.keys(chosen).length > 0) {
            // The picker form without JavaScript: turn chosen options into a variant URL.
            const variant = variantForOptions(product, chosen);
            return {
              redirect: `/p/${product.slug}${variant ? `?variant=${encodeURIComponent(variant.id)}` : ''}`,
            };
          }
          const variant = selectVariant(product, variantParam);
          const [similar, boughtTogether] = await shelves();
          return { html: renderProductPage(ctx, product, variant, { similar, boughtTogether }) };
        },
        shelves,
      );
    },
  );
}

/**
 * A product page's canonical URL: `?variant=` only when it names one of the product's active
 * variants (any other value shows the default variant, the page without it). A picker choice is
 * a redirect, never cached (null).
 */
async function productCanonical(
  slug: string,
  detail: () => Promise<Awaited<ReturnType<typeof getProductDetail>>>,
  chosen: Record<string, string>,
  variantParam: string | undefined,
): Promise<string | null> {
  if (Object.keys(chosen).length > 0) return null;
  const path = `/p/${encodeURIComponent(slug)}`;
  if (!variantParam) return path;
  const product = await detail();
  const named = product?.variants.some((v) => v.isActive && v.id === variantParam);
  return named ? `${path}?variant=${encodeURIComponent(variantParam)}` : path;
}

/** `o.<option>=<value>` pairs from the picker form. */
function optionChoices(query: Record<string, unknown>): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('o.') && typeof value === 'string' && key.length <= 66 && value.length <= 64) {
      chosen[key.slice(2)] = value;
    }
  }
  return chosen;
}
