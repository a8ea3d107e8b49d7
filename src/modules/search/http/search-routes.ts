/** Search: /store/search (full text, filters, facets, sort, pages) and /store/search/suggest. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchProductSummaries } from '../search-product-summaries.ts';
import { suggest } from '../suggest.ts';
import { searchQuerystring, searchResponse, suggestQuerystring, suggestResponse } from './search-schemas.ts';

export async function searchRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/store/search',
    {
      config: { publicCacheSeconds: 30 },
      schema: {
        tags: ['search'],
        summary: 'Search or list published products with filters, facets, sorting and pages',
        querystring: searchQuerystring,
        response: { 200: searchResponse },
      },
    },
    async (request) => {
      const q = request.query;
      return searchProductSummaries(app.deps.sql, {
        q: q.q || undefined,
        categoryId: q.category,
        brandIds: q.brand,
        priceMinMinor: q.price_min,
        priceMaxMinor: q.price_max,
        inStock: q.in_stock === 'true' || q.in_stock === '1',
        sort: q.sort,
        page: q.page,
        pageSize: q.page_size,
      });
    },
  );

  api.get(
    '/store/search/suggest',
    {
      config: { publicCacheSeconds: 60 },
      schema: {
        tags: ['search'],
        summary:
          'Suggestions while typing: brands, categories and product titles (Chinese, pinyin or English prefix)',
        querystring: suggestQuerystring,
        response: { 200: suggestResponse },
      },
    },
    async (request) => {
      return { items: await suggest(app.deps.sql, request.query.q, request.query.limit) };
    },
  );
}
