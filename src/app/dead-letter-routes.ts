/**
 * The merchant JSON API of the outbox: each consumer's lag, the dead letters, and retrying or
 * discarding one. The console page (`src/web/admin/event-queue-page.ts`) calls the same use cases.
 * Staff sign-in belongs to a module above the platform, so the composition root passes the check in.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DeadLetter, discardDeadLetter, listDeadLetters, retryDeadLetter } from './dead-letters.ts';
import { listEventConsumerLag } from './event-consumer-lag.ts';
import type { ModuleRoutes } from './http.ts';

export interface DeadLetterRoutesOptions {
  /** Refuses (401/403) anyone who may not manage the outbox; returns who is acting. */
  authorise(request: FastifyRequest): { staffId: string };
}

const TAGS = ['admin: outbox'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });

const lagSchema = z.object({
  consumer: z.string(),
  pending: z.number().int().describe('Events recorded and not yet handed to the consumer'),
  retrying: z.number().int().describe('Failed events waiting for another attempt'),
  oldestUnhandledAt: z.string().nullable(),
  oldestUnhandledAgeSeconds: z.number(),
  deadLetters: z.number().int(),
});

const deadLetterSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  eventId: z.number().int(),
  eventType: z.string(),
  aggregateId: z.string(),
  payload: z.unknown(),
  eventCreatedAt: z.string(),
  error: z.string().describe("The last attempt's failure"),
  attempts: z.number().int(),
  firstFailedAt: z.string(),
  lastFailedAt: z.string(),
});

/** The routes, registered once by the composition root with the staff check. */
export function deadLetterRoutes(options: DeadLetterRoutesOptions): ModuleRoutes {
  return async function outboxAdminRoutes(app: FastifyInstance) {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    const sql = app.deps.sql;

    typed.get(
      '/admin/event-consumers',
      {
        schema: {
          tags: TAGS,
          summary: 'Each outbox consumer: pending and retrying events, the oldest one’s age, dead letters',
          response: { 200: z.object({ items: z.array(lagSchema) }) },
        },
      },
      async (request) => {
        options.authorise(request);
        const items = await listEventConsumerLag(sql);
        return {
          items: items.map((l) => ({ ...l, oldestUnhandledAt: l.oldestUnhandledAt?.toISOString() ?? null })),
        };
      },
    );

    typed.get(
      '/admin/dead-letters',
      {
        schema: {
          tags: TAGS,
          summary: 'Events a consumer gave up on after its last attempt, most recent failure first',
          querystring: pageQuery,
          response: {
            200: z.object({
              items: z.array(deadLetterSchema),
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        options.authorise(request);
        const page = await listDeadLetters(sql, { page: request.query.page });
        return { ...page, items: page.items.map(present) };
      },
    );

    typed.post(
      '/admin/dead-letters/:id/retry',
      {
        schema: {
          tags: TAGS,
          summary: 'Re-queue a dead letter: its consumer tries it again at its next run, with fresh attempts',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        options.authorise(request);
        await retryDeadLetter(sql, request.params.id);
        return reply.code(204).send(null);
      },
    );

    typed.post(
      '/admin/dead-letters/:id/discard',
      {
        schema: {
          tags: TAGS,
          summary: 'Discard a dead letter: its consumer never handles that event',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { staffId } = options.authorise(request);
        await discardDeadLetter(sql, { id: request.params.id, staffId });
        return reply.code(204).send(null);
      },
    );
  };
}

function present(letter: DeadLetter) {
  return {
    ...letter,
    eventCreatedAt: letter.eventCreatedAt.toISOString(),
    firstFailedAt: letter.firstFailedAt.toISOString(),
    lastFailedAt: letter.lastFailedAt.toISOString(),
  };
}
