/**
 * The sandbox payment gateway's pages, at `/sandbox/pay/:id`: where a payer lands from the shop
 * (the `nextAction.url` of an Alipay / WeChat Pay payment) and approves or declines, as they would
 * in the wallet app. They belong to the gateway, not the shop: they act through the gateway, which
 * tells the shop by signed callback over HTTP; nothing here touches an order or a shop payment.
 * A banner on every page says that this is a sandbox. Plain forms: no JavaScript needed.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../app/errors.ts';
import { safeLocalPath } from '../../app/safe-redirect.ts';
import { type GatewayPayment, paymentsDepsOf } from '../../modules/payments/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { type Locale, type MessageKey, t } from '../i18n/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { sendPage } from '../layout/send-page.ts';
import { assetUrl } from '../static/assets.ts';
import { formatCny } from '../storefront/components/price.ts';

const params = z.object({ id: z.string().regex(/^sbx_[0-9a-z]{20}$/) });

const OUTCOME_TEXT: Record<GatewayPayment['status'], MessageKey | null> = {
  requires_action: null,
  captured: 'sandboxPay.captured',
  failed: 'sandboxPay.failed',
  cancelled: 'sandboxPay.cancelled',
};

/** Where the payer goes back to: the shop's own local path, or its home page. */
function returnPathOf(value: unknown): string {
  return safeLocalPath(value);
}

function renderGatewayPage(locale: Locale, body: SafeHtml, options: { title?: string } = {}): string {
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title ?? t(locale, 'sandboxPay.title')}</title>
<link rel="stylesheet" href="${assetUrl('app.css')}">
</head>
<body>
<p class="sandbox-banner" role="note" data-testid="sandbox-banner"><span class="wrap">${t(locale, 'sandboxPay.banner')}</span></p>
<main id="main" class="wrap"><div class="panel sandbox-card">
<p class="muted">${t(locale, 'sandboxPay.title')}</p>
${body}
</div></main>
</body>
</html>`.value;
}

function paymentBody(
  locale: Locale,
  payment: GatewayPayment,
  form: { csrfToken: string | null; returnPath: string },
): SafeHtml {
  const method = t(
    locale,
    payment.method === 'alipay' ? 'sandboxPay.method.alipay' : 'sandboxPay.method.wechat_pay',
  );
  const outcome = OUTCOME_TEXT[payment.status];
  return html`<h1>${t(locale, 'sandboxPay.heading', { method })}</h1>
<dl class="totals">
  <div class="grand"><dt>${t(locale, 'sandboxPay.amount')}</dt><dd data-testid="sandbox-amount">${formatCny(payment.amount)}</dd></div>
  <div><dt>${t(locale, 'sandboxPay.reference')}</dt><dd>${payment.id}</dd></div>
</dl>
${
  outcome
    ? html`<p class="notice" role="status" data-testid="sandbox-outcome" data-status="${payment.status}">${t(locale, outcome)}</p>
<p><a class="button" href="${form.returnPath}">${t(locale, 'sandboxPay.backToShop')}</a></p>`
    : html`<form method="post" data-testid="sandbox-decision">
  <input type="hidden" name="_csrf" value="${form.csrfToken ?? ''}">
  <input type="hidden" name="return" value="${form.returnPath}">
  <div class="pay-actions">
    <button class="button" type="submit" name="decision" value="approve" data-testid="sandbox-approve">${t(locale, 'sandboxPay.approve')}</button>
    <button class="button button-secondary" type="submit" name="decision" value="decline" data-testid="sandbox-decline">${t(locale, 'sandboxPay.decline')}</button>
  </div>
</form>`
}`;
}

async function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const { locale } = preferencesOf(request);
  const body = html`<p class="notice" role="alert">${t(locale, 'sandboxPay.notFound')}</p>`;
  return sendPage(request, reply, renderGatewayPage(locale, body), { personal: true, status: 404 });
}

/** Errors on the gateway's pages (an expired form, above all) are pages too, not problem+json. */
async function sendErrorPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error instanceof DomainError ? error.status : (error.statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'sandbox gateway page failed');
  const { locale } = preferencesOf(request);
  const csrf =
    error instanceof DomainError && ['csrf_token_invalid', 'cross_site_request'].includes(error.code);
  const body = html`<p class="notice" role="alert">${t(locale, csrf ? 'error.csrf' : 'error.genericBody')}</p>`;
  return sendPage(request, reply, renderGatewayPage(locale, body), { personal: true, status });
}

/** GET and POST /sandbox/pay/:id. */
export async function sandboxGatewayPages(app: FastifyInstance) {
  const gateway = paymentsDepsOf(app.deps).paymentProviders.sandboxGateway;
  app.setErrorHandler(sendErrorPage);

  app.get('/sandbox/pay/:id', { schema: { hide: true } }, async (request, reply) => {
    const parsed = params.safeParse(request.params);
    const payment = parsed.success ? await gateway.showPayment(parsed.data.id) : null;
    if (!payment || payment.method === 'card') return sendNotFound(request, reply);
    const { locale } = preferencesOf(request);
    const query = request.query as Record<string, unknown>;
    const body = paymentBody(locale, payment, {
      // The shop's CSRF guard sees this page's form too (same site): it carries the session's token.
      csrfToken: request.shopperSession?.csrfToken ?? null,
      returnPath: returnPathOf(query.return),
    });
    return sendPage(request, reply, renderGatewayPage(locale, body), { personal: true });
  });

  app.post('/sandbox/pay/:id', { schema: { hide: true } }, async (request, reply) => {
    const parsed = params.safeParse(request.params);
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const decision = fields.decision === 'approve' || fields.decision === 'decline' ? fields.decision : null;
    const current = parsed.success ? await gateway.showPayment(parsed.data.id) : null;
    if (!current || current.method === 'card' || !decision) return sendNotFound(request, reply);
    const returnPath = returnPathOf(fields.return);
    const payment = (await gateway.decide(current.id, decision)) ?? current;
    // Approved or declined just now: back to the shop, which the callback has told by now.
    if (current.status === 'requires_action' && payment.status !== 'cancelled') {
      return reply.redirect(returnPath, 303);
    }
    const { locale } = preferencesOf(request);
    const body = paymentBody(locale, payment, { csrfToken: null, returnPath });
    return sendPage(request, reply, renderGatewayPage(locale, body), { personal: true, status: 409 });
  });
}
