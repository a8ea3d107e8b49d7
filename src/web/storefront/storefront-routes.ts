/**
 * The server-rendered storefront: hashed static assets, catalog pages, cart, checkout and
 * orders, account, sign-in and the preferences form. Errors on these routes render as HTML
 * pages in the shopper's language instead of problem+json.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../app/database.ts';
import { DomainError } from '../../app/errors.ts';
import { sendDatabaseUnavailable } from '../../app/http.ts';
import { devOutboxPage } from '../dev/dev-outbox-page.ts';
import { problemText, t } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { assetRoutes } from '../static/assets.ts';
import { accountPageRoutes } from './account-page-routes.ts';
import { authPageRoutes } from './auth-page-routes.ts';
import { cartPageRoutes } from './cart-page-routes.ts';
import { catalogPageRoutes } from './catalog-page-routes.ts';
import { checkoutPageRoutes } from './checkout-page-routes.ts';
import { interestPageRoutes } from './interest-page-routes.ts';
import { pageContextOf } from './page-context.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { privacyPageRoutes } from './privacy-page-routes.ts';

async function renderError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // No page can be rendered without the database: the platform's fast 503 with Retry-After.
  if (isDatabaseUnavailable(error)) return sendDatabaseUnavailable(request, reply, error);
  const status = error instanceof DomainError ? error.status : (error.statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'storefront page failed');
  try {
    const ctx = await pageContextOf(request);
    const code = error instanceof DomainError ? error.code : '';
    const detail =
      code === 'csrf_token_invalid' || code === 'cross_site_request'
        ? t(ctx.locale, 'error.csrf')
        : code === 'rate_limited'
          ? t(ctx.locale, 'error.rateLimited')
          : status === 404
            ? undefined
            : problemText(ctx.locale, error);
    return sendPage(request, reply, renderErrorPage(ctx, status, detail), { personal: true, status });
  } catch {
    // The database itself may be what failed: answer plainly (the language comes from the cookie).
    const { locale } = preferencesOf(request);
    return reply.code(status).type('text/plain; charset=utf-8').send(t(locale, 'error.plain'));
  }
}

/**
 * The storefront's HTML 404 page, for the app's not-found handler to use when a browser (Accept:
 * text/html) asks for an unknown URL outside `/store` and `/admin`.
 */
export async function sendNotFoundPage(request: FastifyRequest, reply: FastifyReply) {
  const ctx = await pageContextOf(request);
  return sendPage(request, reply, renderErrorPage(ctx, 404), { status: 404 });
}

/** Registers every storefront route. */
export async function storefrontRoutes(app: FastifyInstance) {
  app.setErrorHandler(renderError);
  await app.register(assetRoutes);
  await app.register(preferenceRoutes);
  await app.register(catalogPageRoutes);
  await app.register(cartPageRoutes);
  await app.register(checkoutPageRoutes);
  await app.register(accountPageRoutes);
  await app.register(authPageRoutes);
  await app.register(privacyPageRoutes);
  await app.register(interestPageRoutes);
  await app.register(devOutboxPage);
}
