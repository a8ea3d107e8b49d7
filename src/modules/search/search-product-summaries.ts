/**
 * The storefront's search: `searchProducts`, then the page's ids hydrated into product cards by
 * catalog (in result order; a product unpublished since indexing simply drops out).
 */
import type { Db } from '../../app/database.ts';
import { getProductSummaries, type ProductSummary } from '../catalog/index.ts';
import { type SearchQuery, type SearchResult, searchProducts } from './search-products.ts';

export interface SearchSummariesResult extends Omit<SearchResult, 'productIds'> {
  items: ProductSummary[];
}

/** Searches and returns product cards instead of ids. */
export async function searchProductSummaries(db: Db, query: SearchQuery): Promise<SearchSummariesResult> {
  const { productIds, ...rest } = await searchProducts(db, query);
  return { ...rest, items: await getProductSummaries(db, productIds) };
}
