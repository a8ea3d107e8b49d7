/** Orders: the shopper's orders (/store/orders) and the merchant's (/admin/orders). */
import type { FastifyInstance } from 'fastify';

export async function orderRoutes(_app: FastifyInstance) {}
