/**
 * The event queue (the outbox) for merchants: each background task's backlog, and the events a
 * task gave up on (dead letters) with their error and a retry and a discard button. The JSON
 * twin is `/admin/event-consumers` and `/admin/dead-letters`; both call the platform's use cases.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type DeadLetterPage,
  discardDeadLetter,
  listDeadLetters,
  retryDeadLetter,
} from '../../app/dead-letters.ts';
import { DomainError } from '../../app/errors.ts';
import { type EventConsumerLag, listEventConsumerLag } from '../../app/event-consumer-lag.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { type MessageKey, tOr, t as translate } from '../i18n/index.ts';
import { ADMIN_PERMISSIONS, type AdminContext, adminContext } from './admin-context.ts';
import { csrfField, dateTime, describeError, errorStatus, pageParam, pager } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const BASE = '/admin/console/event-queue';
const TAGS = ['admin console'];
const listQuery = z.object({ page: pageParam, done: z.string().max(40).optional() });
const idParams = z.object({ id: z.string().min(1).max(100) });
const formBody = z.record(z.string(), z.unknown());

/** Flash messages by code (the code travels in the redirect's query, so no text is injectable). */
const FLASHES: Record<string, MessageKey> = {
  retried: 'admin.eventQueue.done.retried',
  discarded: 'admin.eventQueue.done.discarded',
};

const PROBLEMS: Record<string, MessageKey> = {
  dead_letter_not_found: 'admin.eventQueue.problem.notFound',
  event_consumer_retired: 'admin.eventQueue.problem.taskRetired',
};

export async function eventQueuePage(app: FastifyInstance) {
  app.get(
    BASE,
    { schema: { hide: true, tags: TAGS, summary: 'Event queue page', querystring: listQuery } },
    async (request, reply) => {
      requireStaff(request, ADMIN_PERMISSIONS.eventQueue);
      return sendQueue(request, reply);
    },
  );

  for (const action of ['retry', 'discard'] as const) {
    app.post(
      `${BASE}/:id/${action}`,
      {
        schema: {
          hide: true,
          tags: TAGS,
          summary: `${action} a failed event (form)`,
          params: idParams,
          body: formBody,
        },
      },
      async (request, reply) => {
        const session = requireStaff(request, ADMIN_PERMISSIONS.eventQueue);
        const { id } = request.params as z.infer<typeof idParams>;
        const db = request.server.deps.sql;
        try {
          if (action === 'retry') await retryDeadLetter(db, id);
          else await discardDeadLetter(db, { id, staffId: session.staffId! });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return sendQueue(request, reply, error);
        }
        const done = action === 'retry' ? 'retried' : 'discarded';
        return reply.header('cache-control', 'private, no-store').redirect(`${BASE}?done=${done}`, 303);
      },
    );
  }
}

async function sendQueue(request: FastifyRequest, reply: FastifyReply, error?: DomainError) {
  const ctx = adminContext(request);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(ctx.lang, key, params);
  const query = listQuery.parse(request.query ?? {});
  const db = request.server.deps.sql;
  const [lag, letters] = await Promise.all([
    listEventConsumerLag(db),
    listDeadLetters(db, { page: query.page }),
  ]);
  const main = html`<p class="muted">${t('admin.eventQueue.intro')}</p>
<section aria-labelledby="tasks-h"><h2 id="tasks-h">${t('admin.eventQueue.tasks')}</h2>${tasksTable(ctx, lag)}</section>
<section aria-labelledby="failed-h"><h2 id="failed-h">${t('admin.eventQueue.failed')}</h2>${deadLettersTable(ctx, letters)}</section>`;
  const problem = error && PROBLEMS[error.code];
  const errors = error ? (problem ? [t(problem)] : describeError(ctx, error)) : undefined;
  const flashKey = error ? undefined : FLASHES[query.done ?? ''];
  const page = adminPage(ctx, {
    title: t('admin.eventQueue.title'),
    main,
    errors,
    flash: flashKey ? t(flashKey) : null,
  });
  return sendPage(reply, page, error ? errorStatus(error) : 200);
}

/** A task's name in the reader's language (`admin.eventQueue.taskName.<consumer>`), never its code alone. */
function taskName(ctx: AdminContext, consumer: string): string {
  return tOr(ctx.lang, `admin.eventQueue.taskName.${consumer}`, 'admin.eventQueue.taskName.other', {
    code: consumer,
  });
}

/** What happened, in words (`admin.eventQueue.eventType.<type>`); the type itself is in `data-event-type`. */
function eventName(ctx: AdminContext, eventType: string): string {
  return tOr(ctx.lang, `admin.eventQueue.eventType.${eventType}`, 'admin.eventQueue.eventType.other');
}

function tasksTable(ctx: AdminContext, lag: EventConsumerLag[]): SafeHtml {
  const t = (key: MessageKey) => translate(ctx.lang, key);
  if (lag.length === 0) return html`<p class="muted">${t('admin.eventQueue.noTasks')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.eventQueue.task')}</th><th scope="col" class="num">${t('admin.eventQueue.pending')}</th><th scope="col" class="num">${t('admin.eventQueue.retrying')}</th><th scope="col">${t('admin.eventQueue.oldest')}</th><th scope="col" class="num">${t('admin.eventQueue.failedCount')}</th></tr></thead>
<tbody>${lag.map(
    (l) =>
      html`<tr data-task="${l.consumer}"><td>${taskName(ctx, l.consumer)}</td><td class="num">${l.pending}</td><td class="num">${l.retrying}</td><td>${dateTime(ctx, l.oldestUnhandledAt) || '—'}</td><td class="num">${l.deadLetters}</td></tr>`,
  )}</tbody></table></div>`;
}

function deadLettersTable(ctx: AdminContext, letters: DeadLetterPage): SafeHtml {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(ctx.lang, key, params);
  if (letters.total === 0) return html`<p>${t('admin.eventQueue.empty')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.eventQueue.failedAt')}</th><th scope="col">${t('admin.eventQueue.task')}</th><th scope="col">${t('admin.eventQueue.event')}</th><th scope="col">${t('admin.eventQueue.error')}</th><th scope="col" class="num">${t('admin.eventQueue.attempts')}</th><th scope="col">${t('admin.eventQueue.actions')}</th></tr></thead>
<tbody>${letters.items.map(
    (l) => html`<tr data-dead-letter="${l.id}">
<td>${t('admin.eventQueue.failedBetween', { first: dateTime(ctx, l.firstFailedAt), last: dateTime(ctx, l.lastFailedAt) })}</td>
<td data-task="${l.consumer}">${taskName(ctx, l.consumer)}</td>
<td data-event-type="${l.eventType}">${eventName(ctx, l.eventType)} <code>${l.aggregateId}</code> <span class="muted">#${l.eventId} · ${dateTime(ctx, l.eventCreatedAt)}</span></td>
<td><pre class="body" lang="en" translate="no">${l.error}</pre><span class="muted">${t('admin.eventQueue.errorNote')}</span></td>
<td class="num">${l.attempts}</td>
<td><div class="actions">
<form method="post" action="${BASE}/${l.id}/retry">${csrfField(ctx)}<button type="submit">${t('admin.eventQueue.retry')}</button></form>
<form method="post" action="${BASE}/${l.id}/discard" data-confirm="${t('admin.eventQueue.discardConfirm')}">${csrfField(ctx)}<button type="submit" class="danger">${t('admin.eventQueue.discard')}</button></form>
</div></td></tr>`,
  )}</tbody></table></div>
${pager(ctx, { page: letters.page, pageSize: letters.pageSize, total: letters.total, query: {} })}`;
}
