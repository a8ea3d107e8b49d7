/** Liveness and readiness for load balancers and the e2e harness. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Readiness: the app answers and its database responds',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
      },
    },
    async () => {
      await app.deps.sql`select 1`;
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
}
