/**
 * Product search and filtered listings in one SQL statement: the matching set is materialised
 * once and shared by the page, the total and the facets. Facets are disjunctive (the brand facet
 * ignores the brand filter, the price facet the price filter), so a shopper can widen a choice.
 * Relevance ranks a capped candidate set, so broad queries stay fast at 100k products.
 */
import type { Db } from '../../app/database.ts';
import { withCustomPlans } from './custom-plans.ts';
import { PRICE_BUCKETS, priceBucketSql } from './facet-cube.ts';
import { planSearchQuery } from './plan-search-query.ts';

export { PRICE_BUCKETS };

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'best_selling';

export interface SearchQuery {
  q?: string;
  categoryId?: string;
  categorySlug?: string;
  /** Brand ids (slugs are accepted too). */
  brandIds?: string[];
  priceMinMinor?: number;
  priceMaxMinor?: number;
  inStock?: boolean;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  /** At most 48. */
  pageSize: number;
}

export interface FacetCount {
  id: string;
  slug: string;
  name: { zh: string; en: string };
  count: number;
}

export interface CategoryFacetCount extends FacetCount {
  parentId: string | null;
}

export interface PriceRangeCount {
  minMinor: number;
  maxMinor: number | null;
  count: number;
}

export interface SearchResult {
  productIds: string[];
  total: number;
  page: number;
  pageSize: number;
  facets: {
    categories: CategoryFacetCount[];
    brands: FacetCount[];
    priceRanges: PriceRangeCount[];
    inStock: number;
  };
  /** The query actually searched after typo correction, when it differs from what was typed. */
  corrected?: string;
  tokens: string[];
}

/** How many matches relevance ranking looks at (the most popular ones); the rest follow by sales. */
export const RANK_CANDIDATES = 500;
export const MAX_PAGE_SIZE = 48;

interface FacetRow {
  set: 'brand' | 'category' | 'price' | 'all';
  key: number | null;
  n_all: number;
  n_brand: number;
  n_price: number;
  n_stock: number;
  id: string | null;
  slug: string | null;
  parent_id: string | null;
  name_zh: string | null;
  name_en: string | null;
}

interface Filters {
  /** `search_vectors` (published only, with the tsvector) for text, else `search_documents`. */
  source: ReturnType<Db>;
  inCategory: ReturnType<Db>;
  byBrand: ReturnType<Db>;
  byPrice: ReturnType<Db>;
  byStock: ReturnType<Db>;
}

/** Searches (with `q`) or lists (without) published products; ids come back in result order. */
export async function searchProducts(db: Db, query: SearchQuery): Promise<SearchResult> {
  const pageSize = Math.min(Math.max(1, Math.trunc(query.pageSize)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.trunc(query.page));
  const [plan, categoryNo, brandNos] = await Promise.all([
    planSearchQuery(db, query.q),
    resolveCategory(db, query),
    query.brandIds?.length ? resolveBrands(db, query.brandIds) : null,
  ]);
  if (categoryNo === undefined || (brandNos && !brandNos.length)) {
    return emptyResult(page, pageSize, plan.tokens, plan.corrected);
  }

  const min = query.priceMinMinor ?? null;
  const max = query.priceMaxMinor ?? null;
  const filters: Filters = {
    source: plan.tsquery
      ? db`search_vectors d where d.tsv @@ ${plan.tsquery}::tsquery`
      : db`search_documents d where d.is_published`,
    inCategory: categoryNo ? db`and d.category_nos @> array[${categoryNo}::int]` : db``,
    byBrand: brandNos ? db`d.brand_no = any(${brandNos}::int[])` : db`true`,
    byPrice: db`(${min}::bigint is null or d.price_minor >= ${min}::bigint) and (${max}::bigint is null or d.price_minor <= ${max}::bigint)`,
    byStock: query.inStock ? db`d.in_stock` : db`true`,
  };
  const sort = query.sort === 'relevance' && !plan.tsquery ? 'best_selling' : query.sort;
  // Listings, and one-word searches for a frequent word, count facets from a cube instead of
  // every matching document, unless a price range cuts across the cube's buckets.
  const cube: Filters['source'] | null =
    min !== null || max !== null
      ? null
      : !plan.tsquery
        ? db`search_facet_cube d where d.n <> 0`
        : plan.frequentTerm
          ? db`search_term_cube d where d.term = ${plan.frequentTerm} and d.n <> 0`
          : null;
  const fromCube = cube !== null;
  // two independent statements: on a pool they run at the same time on two connections
  const [ids, facetRows] = await Promise.all([
    withCustomPlans(db, (tx) => pageIds(tx, filters, sort, plan.rankQuery, (page - 1) * pageSize, pageSize)),
    withCustomPlans(db, (tx) =>
      cube
        ? facetCounts(tx, { ...filters, ...cubeFilters(tx, cube, categoryNo) }, true)
        : facetCounts(tx, filters, false),
    ),
  ]);
  let facets = toFacets(facetRows);
  // a category deeper than the cube's three levels is not in it: count live
  if (fromCube && categoryNo && facets.total === 0) facets = toFacets(await facetCounts(db, filters, false));
  return {
    productIds: ids,
    total: facets.total,
    page,
    pageSize,
    facets: facets.facets,
    ...(plan.corrected ? { corrected: plan.corrected } : {}),
    tokens: plan.tokens,
  };
}

/**
 * Every facet in one pass over the matches (GROUPING SETS, counts with FILTER): brand counts
 * ignore the brand filter, price counts the price filter, the in-stock count the stock filter.
 */
function facetCounts(db: Db, f: Filters, isCube: boolean) {
  const bucket = isCube ? db`d.bucket` : db.unsafe(priceBucketSql('d.price_minor'));
  const n = isCube ? db`sum(d.n)` : db`count(*)`;
  return db<FacetRow[]>`
    with g as (
      select case when grouping(d.brand_no) = 0 then 'brand'
                  when grouping(d.cat1) = 0 or grouping(d.cat2) = 0 or grouping(d.cat3) = 0 then 'category'
                  when grouping(${bucket}) = 0 then 'price'
                  else 'all' end as set,
             coalesce(d.brand_no, d.cat1, d.cat2, d.cat3, ${bucket}) as key,
             coalesce(${n} filter (where ${f.byBrand} and ${f.byPrice} and ${f.byStock}), 0)::int as n_all,
             coalesce(${n} filter (where ${f.byPrice} and ${f.byStock}), 0)::int as n_brand,
             coalesce(${n} filter (where ${f.byBrand} and ${f.byStock}), 0)::int as n_price,
             coalesce(${n} filter (where ${f.byBrand} and ${f.byPrice} and d.in_stock), 0)::int as n_stock
        from ${f.source} ${f.inCategory}
       group by grouping sets ((d.brand_no), (d.cat1), (d.cat2), (d.cat3),
                               (${bucket}), ())
    )
    select g.*, l.id, l.slug, l.parent_id, l.name_zh, l.name_en
      from g left join search_labels l on g.set in ('brand', 'category') and l.no = g.key`;
}

function toFacets(rows: FacetRow[]): { total: number; facets: SearchResult['facets'] } {
  const named = (r: FacetRow, count: number): FacetCount => ({
    id: r.id!,
    slug: r.slug!,
    name: { zh: r.name_zh!, en: r.name_en! },
    count,
  });
  const byCount = <T extends { count: number; id: string }>(a: T, b: T) =>
    b.count - a.count || a.id.localeCompare(b.id);
  const all = rows.find((r) => r.set === 'all');
  const priceCounts = new Map(rows.filter((r) => r.set === 'price').map((r) => [r.key, r.n_price]));
  return {
    total: all?.n_all ?? 0,
    facets: {
      categories: rows
        .filter((r) => r.set === 'category' && r.id && r.n_all > 0)
        .map((r) => ({ ...named(r, r.n_all), parentId: r.parent_id }))
        .sort(byCount),
      brands: rows
        .filter((r) => r.set === 'brand' && r.id && r.n_brand > 0)
        .map((r) => named(r, r.n_brand))
        .sort(byCount)
        .slice(0, 50),
      // width_bucket numbers the buckets from 0 (below the first bound)
      priceRanges: PRICE_BUCKETS.map(([minMinor, maxMinor], i) => ({
        minMinor,
        maxMinor,
        count: priceCounts.get(i) ?? 0,
      })),
      inStock: all?.n_stock ?? 0,
    },
  };
}

/** The cube as the facet source: no price filter (the caller checks), category by path level. */
function cubeFilters(
  db: Db,
  source: Filters['source'],
  categoryNo: number | null,
): Pick<Filters, 'source' | 'inCategory' | 'byPrice'> {
  return {
    source,
    inCategory: categoryNo ? db`and ${categoryNo}::int in (d.cat1, d.cat2, d.cat3)` : db``,
    byPrice: db`true`,
  };
}

/** The page's product ids in the requested order. */
async function pageIds(
  db: Db,
  f: Filters,
  sort: SearchSort,
  rankQuery: string | null,
  offset: number,
  limit: number,
) {
  const from = db`${f.source} ${f.inCategory} and ${f.byBrand} and ${f.byPrice} and ${f.byStock}`;
  if (sort === 'relevance' && rankQuery && offset + limit <= RANK_CANDIDATES) {
    // ts_rank reads each document's tsvector: only the most popular matches are ranked.
    const rows = await db<{ product_id: string }[]>`
      select c.product_id from (
        select d.product_id, d.sales_count, d.tsv from ${from}
         order by d.sales_count desc, d.product_id limit ${RANK_CANDIDATES}
      ) c
      order by ts_rank(c.tsv, ${rankQuery}::tsquery) * (1 + ln(1 + c.sales_count) / 20) desc, c.product_id
      offset ${offset} limit ${limit}`;
    return rows.map((r) => r.product_id);
  }
  const order = {
    relevance: db`d.sales_count desc, d.product_id`,
    best_selling: db`d.sales_count desc, d.product_id`,
    price_asc: db`d.price_minor, d.product_id`,
    price_desc: db`d.price_minor desc, d.product_id`,
    newest: db`d.published_at desc nulls last, d.product_id`,
  }[sort];
  const rows = await db<{ product_id: string }[]>`
    select d.product_id from ${from} order by ${order} offset ${offset} limit ${limit}`;
  return rows.map((r) => r.product_id);
}

/** undefined: the category asked for is not known (no results); null: no category filter. */
async function resolveCategory(db: Db, query: SearchQuery): Promise<number | null | undefined> {
  const key = query.categoryId ?? query.categorySlug;
  if (!key) return null;
  const [row] = await db<{ no: number }[]>`
    select no from search_labels where kind = 'category' and (id = ${key} or slug = ${key})`;
  return row?.no;
}

async function resolveBrands(db: Db, keys: string[]): Promise<number[]> {
  const rows = await db<{ no: number }[]>`
    select no from search_labels
     where kind = 'brand' and (id = any(${keys}::text[]) or slug = any(${keys}::text[]))`;
  return rows.map((r) => r.no);
}

function emptyResult(page: number, pageSize: number, tokens: string[], corrected?: string): SearchResult {
  return {
    productIds: [],
    total: 0,
    page,
    pageSize,
    facets: {
      categories: [],
      brands: [],
      priceRanges: PRICE_BUCKETS.map(([minMinor, maxMinor]) => ({ minMinor, maxMinor, count: 0 })),
      inStock: 0,
    },
    ...(corrected ? { corrected } : {}),
    tokens,
  };
}
