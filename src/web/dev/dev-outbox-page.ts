/**
 * GET /dev/outbox: the development outbox for the developer (DEV_OUTBOX=1 only; registered only
 * then, so otherwise it is a 404). It is deliberately not part of the admin console: codes and
 * links are never shown to staff.
 */
import type { FastifyInstance } from 'fastify';
import { html } from '../html.ts';
import { t } from '../i18n/index.ts';
import { renderPage } from '../layout/page-shell.ts';
import { sendPage } from '../layout/send-page.ts';
import { pageContextOf } from '../storefront/page-context.ts';

/** Registers the page; a no-op unless the app's notifier has a development outbox. */
export async function devOutboxPage(app: FastifyInstance) {
  const outbox = app.notifier.devOutbox;
  if (!outbox) return;
  app.get('/dev/outbox', { schema: { hide: true } }, async (request, reply) => {
    const ctx = await pageContextOf(request);
    const { locale } = ctx;
    const messages = outbox.list();
    const main = html`<h1>${t(locale, 'dev.outboxTitle')}</h1>
<p>${t(locale, 'dev.outboxIntro')}</p>
${
  messages.length
    ? html`<div class="table-wrap"><table class="dev-outbox" data-testid="dev-outbox">
<thead><tr><th scope="col">${t(locale, 'dev.sent')}</th><th scope="col">${t(locale, 'dev.channel')}</th><th scope="col">${t(locale, 'dev.recipient')}</th><th scope="col">${t(locale, 'dev.message')}</th></tr></thead>
<tbody>${messages.map(
        (
          m,
        ) => html`<tr><td><time datetime="${m.createdAt.toISOString()}">${m.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</time></td>
<td>${m.channel}</td><td>${m.recipient}</td>
<td>${m.subject && html`<strong>${m.subject}</strong>`}<pre>${m.body}</pre></td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${t(locale, 'dev.outboxEmpty')}</p>`
}`;
    const page = renderPage(ctx, { title: `${t(locale, 'dev.outboxTitle')} · Lantern`, noindex: true, main });
    return sendPage(request, reply, page, { personal: true });
  });
}
