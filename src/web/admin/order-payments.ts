/**
 * The payments panel of an order page and its refund form. Payments are read and refunded through
 * the payments module; each rendered refund form carries a fresh idempotency key, so submitting
 * the same form twice refunds once.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import {
  listOrderPayments,
  type PaymentSummary,
  paymentsDepsOf,
  refundPayment,
} from '../../modules/payments/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { paymentFailureText, paymentMethodLabel, tOr } from '../i18n/index.ts';
import { ADMIN_PERMISSIONS, type AdminContext, can } from './admin-context.ts';
import { csrfField, dateTime, field, money, parsePrice, priceText, redirectDone } from './admin-forms.ts';

/** Loads an order's payments and returns their renderer. */
export async function orderPayments(db: Db, orderId: string): Promise<(ctx: AdminContext) => SafeHtml> {
  const payments = await listOrderPayments(db, orderId);
  return (ctx) => paymentsPanel(ctx, orderId, payments);
}

function paymentsPanel(ctx: AdminContext, orderId: string, payments: PaymentSummary[]): SafeHtml {
  const { t } = ctx;
  if (!payments.length) return html`<p class="muted">${t('admin.payments.noPaymentsYet')}</p>`;
  return html`<ul class="timeline">${payments.map((p) => {
    const left = p.refundable.amountMinor;
    return html`<li><strong>${money(ctx, p.amount.amountMinor, p.amount.currency)}</strong> · ${tOr(ctx.lang, `payment.status.${p.status}`, 'payment.status.other')}
  · ${p.cardBrand ?? paymentMethodLabel(ctx.lang, p.method)}${p.cardLast4 && html` •••• ${p.cardLast4}`} · ${dateTime(ctx, p.createdAt)}
  ${p.refunded.amountMinor > 0 && html`<div>${t('admin.payments.refunded')} ${money(ctx, p.refunded.amountMinor, p.refunded.currency)}</div>`}
  ${p.isSurplus && html`<div data-testid="surplus-payment">${surplusText(ctx, p)}</div>`}
  ${p.failureCode && html`<div class="muted">${paymentFailureText(ctx.lang, p.failureCode)}</div>`}
  ${can(ctx, 'ordersWrite') && left > 0 && refundForm(ctx, orderId, p, left)}</li>`;
  })}</ul>`;
}

/** A capture the order did not need (already paid, or no longer payable) is refunded automatically. */
function surplusText(ctx: AdminContext, payment: PaymentSummary): string {
  return ctx.t(
    payment.status === 'refunded' ? 'admin.payments.surplusRefunded' : 'admin.payments.surplusRefundPending',
  );
}

function refundForm(
  ctx: AdminContext,
  orderId: string,
  payment: PaymentSummary,
  leftMinor: number,
): SafeHtml {
  const { t } = ctx;
  return html`<form class="actions" method="post" action="/admin/console/orders/${orderId}/refund" data-confirm="${t('admin.payments.refundThisAmount')}">${csrfField(ctx)}
  <input type="hidden" name="paymentId" value="${payment.id}"><input type="hidden" name="idempotencyKey" value="${randomUUID()}">
  <label>${t('admin.payments.refundAmount')} <input name="amount" inputmode="decimal" required value="${priceText(leftMinor)}"></label>
  <label>${t('admin.common.reason')} <input name="reason" required maxlength="300"></label>
  <button type="submit" class="secondary">${t('admin.payments.refund')}</button></form>`;
}

const params = z.object({ id: z.string().min(1).max(100) });
const refundInput = z.object({
  paymentId: z.string().min(1).max(100),
  /** Yuan as typed ("99" or "99.00"), to minor units. */
  amount: z.string().transform((text, ctx) => {
    const minor = parsePrice(text);
    if (minor !== null && minor > 0) return minor;
    ctx.addIssue({
      code: 'custom',
      message: 'write an amount like 99.00',
      params: { code: 'invalid_format', format: 'amount' },
    });
    return z.NEVER;
  }),
  reason: z.string().trim().min(1).max(300),
  idempotencyKey: z.string().min(8).max(100),
});

/** POST /admin/console/orders/:id/refund; errors re-render the order page via `showError`. */
export function registerRefundRoute(
  app: FastifyInstance,
  showError: (request: FastifyRequest, reply: FastifyReply, id: string, error: unknown) => Promise<unknown>,
) {
  app.post(
    '/admin/console/orders/:id/refund',
    {
      schema: {
        hide: true,
        tags: ['admin console'],
        summary: 'Refund a payment of the order (form)',
        params,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request, reply) => {
      const session = requireStaff(request, ADMIN_PERMISSIONS.ordersWrite);
      const { id } = request.params as z.infer<typeof params>;
      const body = request.body as Record<string, unknown>;
      const db = request.server.deps.sql;
      try {
        const { amount, ...input } = refundInput.parse({
          paymentId: field(body, 'paymentId'),
          amount: field(body, 'amount'),
          reason: field(body, 'reason'),
          idempotencyKey: field(body, 'idempotencyKey'),
        });
        // the payment must belong to the order on the page
        if (!(await listOrderPayments(db, id)).some((p) => p.id === input.paymentId))
          throw notFound('payment');
        await refundPayment(paymentsDepsOf(request.server.deps), {
          ...input,
          amountMinor: amount,
          staffId: session.staffId!,
        });
      } catch (error) {
        return showError(request, reply, id, error);
      }
      return redirectDone(reply, `/admin/console/orders/${encodeURIComponent(id)}`, 'payment_refunded');
    },
  );
}
