/**
 * Form plumbing shared by the console's screens: reading posted fields, Post/Redirect/Get with a
 * flash message, turning problems into sentences a merchant can act on, money and paging.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../app/errors.ts';
import { formatMoney } from '../../app/money.ts';
import { safeLocalPath } from '../../app/safe-redirect.ts';
import { html, type SafeHtml } from '../html.ts';
import { issuesOf, issueText, type MessageKey, problemText, t } from '../i18n/index.ts';
import type { AdminContext } from './admin-context.ts';

/** A posted form (urlencoded or multipart): field name to text, texts, or an uploaded file. */
export type FormBody = Record<string, unknown>;

/** The trimmed text of a field ('' when absent; the first value when repeated). */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Flash messages by code: the code travels in the redirect's query, so no text is injectable. */
const FLASHES: Record<string, MessageKey> = {
  signed_in: 'admin.flash.signed_in',
  signed_out: 'admin.flash.signed_out',
  product_created: 'admin.flash.product_created',
  product_saved: 'admin.flash.product_saved',
  product_published: 'admin.flash.product_published',
  product_archived: 'admin.flash.product_archived',
  image_added: 'admin.flash.image_added',
  stock_adjusted: 'admin.flash.stock_adjusted',
  order_shipped: 'admin.flash.order_shipped',
  order_delivered: 'admin.flash.order_delivered',
  order_completed: 'admin.flash.order_completed',
  order_cancelled: 'admin.flash.order_cancelled',
  payment_refunded: 'admin.flash.payment_refunded',
};

/** The flash message named by `?done=` in the current URL, if any. */
export function flashFrom(ctx: AdminContext, code: string | undefined): string | null {
  const key = code ? FLASHES[code] : undefined;
  return key ? ctx.t(key) : null;
}

/** Redirects after a successful POST (303: the browser follows with a GET). */
export function redirectDone(reply: FastifyReply, path: string, flash: keyof typeof FLASHES & string) {
  const sep = path.includes('?') ? '&' : '?';
  return reply.header('cache-control', 'private, no-store').redirect(`${path}${sep}done=${flash}`, 303);
}

/** Catalogue labels of the fields the console's forms and the use cases behind them name. */
const FIELD_LABELS: Record<string, MessageKey> = {
  titleZh: 'admin.field.titleZh',
  titleEn: 'admin.field.titleEn',
  descriptionZh: 'admin.field.descriptionZh',
  descriptionEn: 'admin.field.descriptionEn',
  categoryId: 'admin.field.categoryId',
  brandId: 'admin.field.brandId',
  attributes: 'admin.field.attributes',
  options: 'admin.field.options',
  code: 'admin.field.code',
  name: 'admin.field.name',
  values: 'admin.field.values',
  variants: 'admin.field.variants',
  id: 'admin.field.variants',
  sku: 'admin.field.sku',
  priceMinor: 'admin.field.priceMinor',
  compareAtMinor: 'admin.field.compareAtMinor',
  weightGrams: 'admin.field.weightGrams',
  optionValues: 'admin.field.optionValues',
  variantId: 'admin.field.variantId',
  warehouseId: 'admin.field.warehouseId',
  delta: 'admin.field.delta',
  reason: 'admin.field.reason',
  note: 'admin.field.note',
  trackingNumber: 'admin.field.trackingNumber',
  amountMinor: 'admin.field.amountMinor',
  amount: 'admin.field.amountMinor',
  paymentId: 'admin.field.paymentId',
  email: 'admin.field.email',
  password: 'admin.field.password',
  placement: 'admin.field.placement',
  strategyA: 'admin.field.strategyA',
  strategyB: 'admin.field.strategyB',
  shareB: 'admin.field.shareB',
};

/**
 * The label of a field path such as `variants[1].priceMinor` ("价格（第 2 行）"), or '' for a field
 * the console has no name for (the message then stands alone rather than showing a form key).
 */
function fieldLabel(ctx: AdminContext, path: string): string {
  const parts = path.split(/[.[\]]/).filter(Boolean);
  const names = parts.filter((p) => !/^\d+$/.test(p));
  // `variants[0].optionValues.colour`: the option's code is data, the field is its value.
  const optionAt = names.indexOf('optionValues');
  const last = optionAt >= 0 ? 'optionValues' : names.at(-1);
  const key = last ? FIELD_LABELS[last] : undefined;
  if (!key) return '';
  const row = parts.find((p) => /^\d+$/.test(p));
  const name = t(ctx.lang, key);
  return row === undefined ? name : t(ctx.lang, 'admin.field.row', { field: name, n: Number(row) + 1 });
}

/**
 * Turns a thrown error into sentences in the console's language: one per failed field ("label:
 * what is wrong"), else the problem's own sentence. Unexpected errors say nothing about internals.
 */
export function describeError(ctx: AdminContext, error: unknown): string[] {
  const issues = issuesOf(error);
  if (!issues.length) return [problemText(ctx.lang, error)];
  return issues.map((issue) => {
    const message = issueText(ctx.lang, issue);
    const label = fieldLabel(ctx, issue.field);
    return label ? t(ctx.lang, 'validation.fieldError', { field: label, message }) : message;
  });
}

/** The HTTP status a failed form answers with: the problem's own 4xx, else 422. */
export function errorStatus(error: unknown): number {
  if (error instanceof DomainError && error.status >= 400 && error.status < 500) return error.status;
  if (error instanceof z.ZodError) return 422;
  return error instanceof DomainError ? error.status : 500;
}

/** "12.5" or "12.50" (yuan) to 1250 minor units; null when not a price. */
export function parsePrice(text: string): number | null {
  const match = text.replace(/[,\s¥￥]/g, '').match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Minor units back to the editable "12.50". */
export function priceText(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return '';
  return (minor / 100).toFixed(2);
}

/** Money for display in the page's language. */
export function money(ctx: AdminContext, amountMinor: number, currency = 'CNY'): string {
  return formatMoney({ amountMinor, currency }, ctx.lang);
}

/** Date and time in the shop's time zone. */
export function dateTime(ctx: AdminContext, at: Date | string | null | undefined): string {
  if (!at) return '';
  return new Intl.DateTimeFormat(ctx.lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(at));
}

/** The hidden CSRF field every POST form carries. */
export function csrfField(ctx: AdminContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

/** Previous/next links that keep the current filters. */
export function pager(
  ctx: AdminContext,
  input: {
    page: number;
    pageSize: number;
    total: number;
    query: Record<string, string | number | undefined>;
  },
): SafeHtml {
  const pages = Math.max(1, Math.ceil(input.total / input.pageSize));
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(input.query))
      if (v !== undefined && v !== '') params.set(k, String(v));
    params.set('page', String(page));
    return `${ctx.path}?${params}`;
  };
  return html`<nav class="pager" aria-label="${ctx.t('admin.forms.pages')}">
    ${input.page > 1 ? html`<a href="${link(input.page - 1)}" rel="prev">${ctx.t('admin.forms.previous')}</a>` : ''}
    <span>${ctx.t('admin.forms.pageOfInAll', { page: input.page, pages, total: input.total })}</span>
    ${input.page < pages ? html`<a href="${link(input.page + 1)}" rel="next">${ctx.t('admin.forms.next')}</a>` : ''}
  </nav>`;
}

/** Query string schema pieces shared by list screens: a capped page number. */
export const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);

/** Only a path inside the console may be a redirect target (no open redirects). */
export function safeAdminPath(path: string | undefined): string {
  const local = safeLocalPath(path, '/admin');
  return /^\/admin(\/|\?|#|$)/.test(local) ? local : '/admin';
}
