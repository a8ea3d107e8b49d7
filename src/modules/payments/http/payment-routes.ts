/** Payments: paying an order through a provider and provider callbacks under /store/payments. */
import type { FastifyInstance } from 'fastify';

export async function paymentRoutes(_app: FastifyInstance) {}
