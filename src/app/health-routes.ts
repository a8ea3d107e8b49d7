/** Liveness and readiness for load balancers and the e2e harness. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkDatabase } from './database.ts';
import { sendDatabaseUnavailable } from './http.ts';

/** Longer than this for `select 1` means not ready: a load balancer's check must not hang. */
const HEALTH_QUERY_TIMEOUT_MS = 2_000;

export async function healthRoutes(app: FastifyInstance) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['platform'],
        summary:
          'Readiness: the app answers and its database responds (503 problem with `database: unavailable` when not)',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
      },
    },
    async (request, reply) => {
      const failure = await checkDatabase(app.deps.sql, HEALTH_QUERY_TIMEOUT_MS);
      if (failure === undefined) return { status: 'ok' as const, database: 'ok' as const };
      reply.header('cache-control', 'no-store');
      return sendDatabaseUnavailable(request, reply, failure, { database: 'unavailable' });
    },
  );
}
