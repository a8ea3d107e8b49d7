/** HTML error pages for the storefront (404 and the rest), in the shopper's language. */
import { html } from '../../html.ts';
import { t } from '../../i18n/index.ts';
import { type PageContext, renderPage } from '../../layout/page-shell.ts';

/** A page saying what went wrong, with a way home. */
export function renderErrorPage(ctx: PageContext, status: number, detail?: string): string {
  const { locale } = ctx;
  const title = t(locale, status === 404 ? 'error.notFound' : 'error.generic');
  const body = detail ?? t(locale, status === 404 ? 'error.notFoundBody' : 'error.genericBody');
  const main = html`<div class="panel" data-testid="error-page" data-status="${status}">
    <h1>${title}</h1><p>${body}</p><a class="button" href="/">${t(locale, 'error.back')}</a></div>`;
  return renderPage(ctx, { title: `${title} · Lantern 灯笼`, noindex: true, main });
}
