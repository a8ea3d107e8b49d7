/** Cart: /store/cart and its lines, for guests and customers. */
import type { FastifyInstance } from 'fastify';

export async function cartRoutes(_app: FastifyInstance) {}
