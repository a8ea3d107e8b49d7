/**
 * The server-rendered admin console under /admin (dashboard and sign-in) and /admin/console/…
 * (screens). The JSON admin API of the modules lives beside it under other /admin paths.
 *
 * This plugin is encapsulated, so its error handler, multipart parser and no-store hook apply
 * to the console's routes only: errors become pages, a missing session a redirect to sign in.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../../app/database.ts';
import { DomainError } from '../../app/errors.ts';
import { sendDatabaseUnavailable } from '../../app/http.ts';
import { html } from '../html.ts';
import { adminAssetRoutes } from './admin-assets.ts';
import { ADMIN_LANG_COOKIE, adminContext } from './admin-context.ts';
import { describeError, field, safeAdminPath } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';
import { customerPages } from './customer-pages.ts';
import { dashboardPage } from './dashboard-page.ts';
import { eventQueuePage } from './event-queue-page.ts';
import { experimentPages } from './experiment-pages.ts';
import { inventoryPages } from './inventory-pages.ts';
import { loginPages } from './login-pages.ts';
import { orderPages } from './order-pages.ts';
import { multipartBoundary, parseMultipart } from './parse-multipart.ts';
import { productPages } from './product-pages.ts';
import { shopperInterestPages } from './shopper-interest-pages.ts';

/** Uploaded images are re-encoded by the catalog; this only caps what we read. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export async function adminConsoleRoutes(app: FastifyInstance) {
  app.setErrorHandler(renderError);
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES + 64 * 1024 },
    (request, body, done) => {
      const boundary = multipartBoundary(request.headers['content-type']);
      if (!boundary)
        return done(new DomainError('malformed_multipart', 400, 'The uploaded form could not be read.'));
      try {
        done(null, parseMultipart(body as Buffer, boundary));
      } catch (error) {
        done(error as Error);
      }
    },
  );
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/admin/assets/')) reply.header('cache-control', 'private, no-store');
    return payload;
  });

  await app.register(adminAssetRoutes);
  await app.register(loginPages);
  await app.register(dashboardPage);
  await app.register(productPages);
  await app.register(inventoryPages);
  await app.register(orderPages);
  await app.register(customerPages);
  await app.register(shopperInterestPages);
  await app.register(experimentPages);
  await app.register(eventQueuePage);

  app.post(
    '/admin/language',
    {
      schema: {
        hide: true,
        tags: ['admin console'],
        summary: 'Switch the console language',
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const lang = field(body, 'lang') === 'en' ? 'en' : 'zh-CN';
      reply.setCookie(ADMIN_LANG_COOKIE, lang, {
        path: '/admin',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.server.deps.config.secureCookies,
        maxAge: 365 * 86_400,
      });
      return reply.redirect(safeAdminPath(field(body, 'back')), 303);
    },
  );
}

function renderError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // No page can be rendered without the database: the platform's fast 503 with Retry-After.
  if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(request, reply, error);
  const ctx = adminContext(request);
  const status =
    error instanceof DomainError
      ? error.status
      : hasZodFastifySchemaValidationErrors(error)
        ? 400
        : error.statusCode && error.statusCode >= 400 && error.statusCode < 500
          ? error.statusCode
          : 500;
  if (status === 401) {
    const next = request.method === 'GET' ? request.url : '/admin';
    return reply.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 303);
  }
  if (status >= 500) request.log.error({ err: error }, 'admin console error');
  const { t } = ctx;
  const title =
    status === 403
      ? t('admin.error.notAllowed')
      : status === 404
        ? t('admin.error.notFound')
        : t('admin.error.somethingWentWrong');
  const errors =
    status === 404 && !(error instanceof DomainError)
      ? [t('admin.error.thereIsNoSuchPage')]
      : hasZodFastifySchemaValidationErrors(error)
        ? [t('admin.error.theLinkHasInvalidParameters')]
        : status < 500 && !(error instanceof DomainError)
          ? [t('admin.error.theRequestIsNotValid')]
          : describeError(ctx, error);
  const main = html`<p><a href="/admin">${t('admin.error.backToTheDashboard')}</a></p>`;
  return sendPage(reply, adminPage(ctx, { title, main, errors }), status);
}
