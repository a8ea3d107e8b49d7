/** Search: /store/search (full text, filters, facets, sort, pages) and /store/search/suggest. */
import type { FastifyInstance } from 'fastify';

export async function searchRoutes(_app: FastifyInstance) {}
