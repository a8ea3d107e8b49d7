/**
 * The search module's public surface: product search and filtered listings with facets,
 * type-ahead suggestions, reindexing, and the job that keeps the index fresh from domain events.
 */
import { type ModuleDefinition, migrationsBeside } from '../../app/module-definition.ts';
import { searchRoutes } from './http/search-routes.ts';
import { searchIndexConsumer, searchJobs } from './search-jobs.ts';

export { reindexAllProducts, reindexProducts } from './reindex-products.ts';
export type { IndexableProduct } from './search-document.ts';
export { SEARCH_EVENT_TYPES, searchIndexConsumer, searchJobs } from './search-jobs.ts';
export { type SearchSummariesResult, searchProductSummaries } from './search-product-summaries.ts';
export {
  type CategoryFacetCount,
  type FacetCount,
  PRICE_BUCKETS,
  type PriceRangeCount,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  searchProducts,
} from './search-products.ts';
export { type Suggestion, suggest } from './suggest.ts';

/** What search contributes to the shop: its tables, routes, jobs and outbox consumer. */
export const searchModule: ModuleDefinition = {
  name: 'search',
  migrations: migrationsBeside(import.meta.url),
  routes: [searchRoutes],
  jobs: searchJobs,
  consumers: [searchIndexConsumer],
};
