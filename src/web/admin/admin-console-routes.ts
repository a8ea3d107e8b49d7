/** The server-rendered admin console under /admin. */
import type { FastifyInstance } from 'fastify';

export async function adminConsoleRoutes(_app: FastifyInstance) {}
