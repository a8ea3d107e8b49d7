/**
 * The query string of listing and search pages: parsed leniently (a bad value is ignored, never
 * an error page) and rebuilt for sort, filter and pagination links.
 */

export const SORTS = ['relevance', 'best_selling', 'newest', 'price_asc', 'price_desc'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 20;
const MAX_PAGE = 500;

export interface ListingQuery {
  q: string;
  brandIds: string[];
  /** `minMinor-maxMinor` of a chosen price range ('' for any). */
  price: string;
  inStock: boolean;
  sort: Sort;
  page: number;
}

function first(value: unknown): string {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value : '';
}

function all(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64)
    .slice(0, 20);
}

/** Reads a listing query from `request.query`; `defaultSort` differs for search and category. */
export function parseListingQuery(query: unknown, defaultSort: Sort): ListingQuery {
  const raw = (query ?? {}) as Record<string, unknown>;
  const sort = first(raw.sort) as Sort;
  const page = Number.parseInt(first(raw.page), 10);
  const price = first(raw.price);
  return {
    q: first(raw.q).trim().slice(0, 100),
    brandIds: all(raw.brand),
    price: /^\d{1,12}-\d{0,12}$/.test(price) ? price : '',
    inStock: first(raw.inStock) === '1',
    sort: SORTS.includes(sort) ? sort : defaultSort,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The price range as minor-unit bounds (either may be absent). */
export function priceBounds(query: ListingQuery): { priceMinMinor?: number; priceMaxMinor?: number } {
  if (!query.price) return {};
  const [min, max] = query.price.split('-');
  return {
    priceMinMinor: min ? Number(min) : undefined,
    priceMaxMinor: max ? Number(max) : undefined,
  };
}

/** `path?…` for the query with some fields changed; defaults are left out to keep URLs short. */
export function listingHref(
  path: string,
  query: ListingQuery,
  defaultSort: Sort,
  changes: Partial<ListingQuery> = {},
): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  for (const id of next.brandIds) params.append('brand', id);
  if (next.price) params.set('price', next.price);
  if (next.inStock) params.set('inStock', '1');
  if (next.sort !== defaultSort) params.set('sort', next.sort);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
