/** The development outbox for staff: /admin/outbox. */
import type { FastifyInstance } from 'fastify';

export async function outboxRoutes(_app: FastifyInstance) {}
