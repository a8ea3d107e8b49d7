/**
 * An order as its shopper sees it: confirmation banner after checkout, status, timeline, lines,
 * totals, address, a pay form while payment is pending (e.g. after a declined card), and
 * recommendations to go with what was ordered.
 */
import type { Money } from '../../../app/money.ts';
import { html, raw, type SafeHtml } from '../../html.ts';
import { type Locale, orderStatusLabel, pick, t, timelineText } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { formatCny } from '../components/price.ts';
import { renderRecommendationShelf, type ShelfView } from '../components/recommendation-shelf.ts';
import { type CheckoutValues, cardFields, formatAddress, renderTotals } from './checkout-page.ts';

type Text = { zh: string; en: string };

/** The parts of the orders module's Order this page shows. */
export interface OrderView {
  id: string;
  number: string;
  status: string;
  email: string;
  subtotal: Money;
  shipping: Money;
  discount: Money;
  total: Money;
  shippingAddress: {
    recipient: string;
    phone: string;
    province: string;
    city: string;
    district: string;
    line1: string;
    postalCode: string;
  };
  trackingNumber: string | null;
  createdAt: Date;
  lines: {
    variantId: string;
    title: Text;
    variantLabel: Text;
    image: string | null;
    quantity: number;
    lineTotal: Money;
  }[];
  timeline: { type: string; params: Record<string, string | number>; at: Date }[];
}

/** The order's latest payment attempt, as the page tells the shopper about it. */
export interface OrderPaymentView {
  /** Back from the provider's page, and its callback has not landed yet: the page refreshes itself. */
  awaitingProvider: boolean;
  /** Back from the provider's page, where the payment was declined or abandoned. */
  notCompleted: boolean;
  /** The provider's page of the attempt still waiting for the payer. */
  continueUrl?: string;
}

export interface OrderPageOptions {
  /** The guest's access token, carried by the pay form and links. */
  token?: string;
  placed?: boolean;
  declined?: boolean;
  error?: string;
  /** A pay form that failed its checks: what was typed (never the number or CVC) and each field's problem. */
  cardValues?: CheckoutValues;
  cardErrors?: Record<string, string>;
  idempotencyKey: string;
  payment?: OrderPaymentView;
  /** The "order confirmation" placement; none when null or empty. */
  shelf?: ShelfView | null;
}

/** The shopper-facing name of an order status. */
export const statusLabel = orderStatusLabel;

/** A date and time in the shop's time zone (China Standard Time). */
export function formatDateTime(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(at);
}

function payForm(ctx: PageContext, order: OrderView, options: OrderPageOptions): SafeHtml {
  const { locale } = ctx;
  return html`<form class="panel" method="post" action="/orders/${order.id}/pay" data-testid="pay-form">
    ${csrfField(ctx)}
    ${options.token && html`<input type="hidden" name="token" value="${options.token}">`}
    <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
    <h2>${t(locale, 'checkout.payment')}</h2>
    <p class="hint" id="p-card-hint">${t(locale, 'checkout.cardHint')}</p>
    ${cardFields(locale, 'p', options.cardErrors, options.cardValues)}
    <button class="button button-block" type="submit" data-testid="pay-now">${t(locale, 'order.payAgain')} · ${formatCny(order.total)}</button>
  </form>`;
}

/** Alipay / WeChat Pay: a form of its own, so the card form's required fields never block it. */
function walletForm(ctx: PageContext, order: OrderView, options: OrderPageOptions): SafeHtml {
  const { locale } = ctx;
  return html`<form class="panel" method="post" action="/orders/${order.id}/pay" data-testid="wallet-form">
    ${csrfField(ctx)}
    ${options.token && html`<input type="hidden" name="token" value="${options.token}">`}
    <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
    <h2>${t(locale, 'order.payWithWallet')}</h2>
    <div class="pay-actions">
      <button class="button button-secondary" type="submit" name="paymentMethod" value="alipay" data-testid="pay-alipay">${t(locale, 'checkout.payWithAlipay')}</button>
      <button class="button button-secondary" type="submit" name="paymentMethod" value="wechat_pay" data-testid="pay-wechat">${t(locale, 'checkout.payWithWechat')}</button>
    </div>
  </form>`;
}

function paymentNotices(locale: Locale, payment: OrderPaymentView | undefined): SafeHtml {
  if (!payment) return html``;
  return html`${payment.awaitingProvider && html`<p class="notice" role="status" data-testid="payment-awaiting">${t(locale, 'order.awaitingProvider')}</p>`}
    ${payment.notCompleted && html`<p class="notice" role="alert" data-testid="payment-not-completed">${t(locale, 'order.walletNotCompleted')}</p>`}
    ${payment.continueUrl && html`<p><a class="button button-secondary" href="${payment.continueUrl}" data-testid="continue-payment">${t(locale, 'order.continuePayment')}</a></p>`}`;
}

/** Renders the order page. */
export function renderOrderPage(ctx: PageContext, order: OrderView, options: OrderPageOptions): string {
  const { locale } = ctx;
  const main = html`
    ${options.placed && order.status !== 'pending_payment' && html`<p class="notice notice-ok" role="status" data-testid="order-confirmed">${t(locale, 'order.thanks')}</p>`}
    ${options.declined && html`<p class="notice" role="alert" data-testid="payment-declined">${t(locale, 'checkout.declined')}</p>`}
    ${options.error && html`<p class="notice" role="alert">${options.error}</p>`}
    ${order.status === 'pending_payment' && paymentNotices(locale, options.payment)}
    <h1>${t(locale, 'order.title', { number: order.number })}</h1>
    <p><strong>${t(locale, 'order.status')}:</strong> <span data-testid="order-status" data-status="${order.status}">${statusLabel(locale, order.status)}</span>
      · <span class="muted">${t(locale, 'order.placedAt', { date: formatDateTime(locale, order.createdAt) })}</span></p>
    ${options.token && html`<p class="hint">${t(locale, 'order.bookmark')}</p>`}
    <div class="two-col">
      <div>
        ${order.status === 'pending_payment' && html`${payForm(ctx, order, options)}${walletForm(ctx, order, options)}`}
        <section class="panel" aria-labelledby="order-items">
          <h2 id="order-items">${t(locale, 'order.items')}</h2>
          <ul class="lines">${order.lines.map(
            (
              l,
            ) => html`<li class="line">${l.image ? html`<img src="${l.image}" alt="" width="72" height="72" loading="lazy">` : html`<div class="thumb" aria-hidden="true"></div>`}
              <div>${pick(locale, l.title)} <span class="muted">${pick(locale, l.variantLabel)}</span><br>× ${l.quantity} · ${formatCny(l.lineTotal)}</div></li>`,
          )}</ul>
          ${renderTotals(locale, order)}
        </section>
        <section class="panel" aria-labelledby="order-address">
          <h2 id="order-address">${t(locale, 'checkout.address')}</h2>
          <p>${order.shippingAddress.recipient} ${order.shippingAddress.phone}<br>${formatAddress(order.shippingAddress)}</p>
          ${order.trackingNumber && html`<p>${order.trackingNumber}</p>`}
        </section>
      </div>
      <section class="panel" aria-labelledby="order-timeline">
        <h2 id="order-timeline">${t(locale, 'order.timeline')}</h2>
        <ol class="timeline" data-testid="order-timeline">${order.timeline.map(
          (e) =>
            html`<li><strong>${timelineText(locale, e)}</strong><time datetime="${e.at.toISOString()}">${formatDateTime(locale, e.at)}</time></li>`,
        )}</ol>
      </section>
    </div>
    ${renderRecommendationShelf(locale, options.shelf)}`;
  return renderPage(ctx, {
    title: `${t(locale, 'order.title', { number: order.number })} · Lantern 灯笼`,
    canonicalPath: `/orders/${order.id}`,
    noindex: true,
    // Works without JavaScript: the browser asks again until the provider's callback has landed.
    head:
      order.status === 'pending_payment' && options.payment?.awaitingProvider
        ? raw('<meta http-equiv="refresh" content="3">')
        : undefined,
    main,
  });
}
