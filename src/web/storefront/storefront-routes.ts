/** The server-rendered storefront pages. */
import type { FastifyInstance } from 'fastify';

export async function storefrontRoutes(_app: FastifyInstance) {}
