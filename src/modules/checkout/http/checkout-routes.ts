/** Checkout: delivery options, quotes and order placement under /store/checkout. */
import type { FastifyInstance } from 'fastify';

export async function checkoutRoutes(_app: FastifyInstance) {}
