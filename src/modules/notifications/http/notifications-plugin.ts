/**
 * Gives the app its notifier (`app.notifier`, built from the configuration) and, only when
 * DEV_OUTBOX=1, the development outbox's JSON at GET /dev/outbox/messages. It is not a staff
 * route: a developer reads it beside the /dev/outbox page, and without DEV_OUTBOX it is a 404.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createNotifier, type Notifier } from '../notifier.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Delivers SMS and email (see `createNotifier`). */
    notifier: Notifier;
  }
}

const message = z.object({
  id: z.string(),
  channel: z.enum(['sms', 'email']),
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const notificationsPlugin = fp(async (app: FastifyInstance) => {
  const notifier = createNotifier({ devOutbox: app.deps.config.devOutbox });
  app.decorate('notifier', notifier);
  const outbox = notifier.devOutbox;
  if (!outbox) return;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/dev/outbox/messages',
    {
      schema: {
        tags: ['development'],
        summary: 'Development outbox (DEV_OUTBOX=1 only): every SMS and email sent, in full, newest first',
        response: { 200: z.object({ items: z.array(message) }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: outbox.list().map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
    },
  );
});
