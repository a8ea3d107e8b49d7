/**
 * The page a browser gets while the database is away (decision 0008): 503 with Retry-After like
 * the problem+json API clients get, but a short page in the reader's language that reloads itself
 * after the Retry-After seconds. It reads nothing but the request (cookies, Accept-Language): no
 * session, no catalogue data, so it renders exactly when nothing else can.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_LANG_COOKIE } from '../admin/admin-context.ts';
import { html } from '../html.ts';
import { type Locale, t } from '../i18n/index.ts';
import { preferencesOf } from './preferences.ts';

/** The reader's language: the console's own choice under /admin, else the storefront's preference. */
function localeOf(request: FastifyRequest): Locale {
  if (request.url.startsWith('/admin')) return request.cookies[ADMIN_LANG_COOKIE] === 'en' ? 'en' : 'zh-CN';
  return preferencesOf(request).locale;
}

/** The whole page, standalone (inline style, no script): the layout's parts may need the database. */
export function renderUnavailablePage(locale: Locale, retryAfterSeconds: number, again: string): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="${retryAfterSeconds}">
<title>${t(locale, 'error.unavailable')} · Lantern</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#222;background:#fff}@media (prefers-color-scheme:dark){body{color:#eee;background:#111}a{color:#9cf}}</style>
</head>
<body>
<main data-testid="database-unavailable">
<h1>${t(locale, 'error.unavailable')}</h1>
<p>${t(locale, 'error.unavailableBody', { seconds: retryAfterSeconds })}</p>
<p><a href="${again}">${t(locale, 'error.unavailableRetry')}</a></p>
</main>
</body>
</html>`.toString();
}

/** Sends the page with the 503 and Retry-After the platform chose; never cached. */
export function sendUnavailablePage(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) {
  // A GET can be repeated as it was; after a form post, try the same address (its page) again.
  const again = request.method === 'GET' ? request.url : request.url.split('?')[0]!;
  return reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds))
    .header('cache-control', 'no-store')
    .header('vary', 'accept, accept-language, cookie')
    .type('text/html; charset=utf-8')
    .send(renderUnavailablePage(localeOf(request), retryAfterSeconds, again));
}
