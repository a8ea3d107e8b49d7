/** The development outbox for staff: /admin/outbox. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../identity/index.ts';
import { listOutbox } from '../list-outbox.ts';

const outboxMessage = z.object({
  id: z.string(),
  channel: z.enum(['sms', 'email']),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export async function outboxRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/admin/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The development outbox: every SMS and email Lantern sent, newest first (any staff)',
        querystring: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
        response: {
          200: z.object({
            items: z.array(outboxMessage),
            page: z.number(),
            pageSize: z.number(),
            total: z.number(),
          }),
        },
      },
    },
    async (request, reply) => {
      requireStaff(request, ['merchant', 'agent', 'admin']);
      reply.header('cache-control', 'no-store');
      const page = await listOutbox(app.deps.sql, { page: request.query.page });
      return {
        ...page,
        items: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      };
    },
  );
}
