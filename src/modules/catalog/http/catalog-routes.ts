/** Catalog: shopper reads under /store/products, /store/categories, /store/brands; merchant writes under /admin/products; media bytes at /media/:id. */
import type { FastifyInstance } from 'fastify';

export async function catalogRoutes(_app: FastifyInstance) {}
