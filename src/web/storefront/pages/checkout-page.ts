/**
 * One-page checkout: contact, address (saved ones for customers), delivery option, the sandbox
 * card, and the summary. One submit places the order and pays it; the idempotency key is made
 * when the page renders, so a double submit or a retry places one order.
 */
import { type Money, USD_PER_CNY } from '../../../app/money.ts';
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, type MessageKey, pick, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { formatCny, formatUsd } from '../components/price.ts';
import type { CartView } from './cart-page.ts';

type Text = { zh: string; en: string };

export interface SavedAddress {
  id: string;
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode: string;
  isDefault: boolean;
}

export interface DeliveryChoice {
  code: string;
  name: Text;
  fee: Money;
  etaDays: { min: number; max: number };
}

/** The values typed so far (re-shown after an error; never the card number or CVC). */
export type CheckoutValues = Partial<Record<string, string>>;

export interface CheckoutData {
  cart: CartView;
  deliveryOptions: DeliveryChoice[];
  savedAddresses: SavedAddress[];
  values: CheckoutValues;
  idempotencyKey: string;
  error?: string;
}

/** One line of an address, as shoppers in China write it. */
export function formatAddress(a: Omit<SavedAddress, 'id' | 'isDefault'>): string {
  return [a.province, a.city, a.district, a.line1].filter(Boolean).join(' ');
}

function field(
  locale: Locale,
  name: string,
  key: MessageKey,
  values: CheckoutValues,
  attrs: { type?: string; autocomplete?: string; required?: boolean; inputmode?: string } = {},
): SafeHtml {
  return html`<div class="field"><label for="f-${name}">${t(locale, key)}</label>
    <input id="f-${name}" name="${name}" type="${attrs.type ?? 'text'}" value="${values[name] ?? ''}"
      ${attrs.autocomplete && html`autocomplete="${attrs.autocomplete}"`} ${attrs.inputmode && html`inputmode="${attrs.inputmode}"`}
      ${attrs.required !== false && html`required`}></div>`;
}

function addressFields(locale: Locale, values: CheckoutValues, required: boolean): SafeHtml {
  return html`${field(locale, 'recipient', 'checkout.recipient', values, { autocomplete: 'shipping name', required })}
    <div class="row">
      ${field(locale, 'province', 'checkout.province', values, { autocomplete: 'shipping address-level1', required })}
      ${field(locale, 'city', 'checkout.city', values, { autocomplete: 'shipping address-level2', required })}
      ${field(locale, 'district', 'checkout.district', values, { autocomplete: 'shipping address-level3', required: false })}
    </div>
    ${field(locale, 'line1', 'checkout.line1', values, { autocomplete: 'shipping street-address', required })}
    ${field(locale, 'postalCode', 'checkout.postalCode', values, { autocomplete: 'shipping postal-code', required: false, inputmode: 'numeric' })}`;
}

function addressSection(locale: Locale, data: CheckoutData): SafeHtml {
  const { values, savedAddresses } = data;
  if (savedAddresses.length === 0) {
    return html`<fieldset class="panel"><legend>${t(locale, 'checkout.address')}</legend>${addressFields(locale, values, true)}</fieldset>`;
  }
  const chosen =
    values.savedAddressId ?? savedAddresses.find((a) => a.isDefault)?.id ?? savedAddresses[0]!.id;
  return html`<fieldset class="panel"><legend>${t(locale, 'checkout.address')}</legend>
    ${savedAddresses.map(
      (
        a,
      ) => html`<label class="choice"><input type="radio" name="savedAddressId" value="${a.id}" ${chosen === a.id && html`checked`}>
        <span><strong>${a.recipient}</strong> ${a.phone}<br>${formatAddress(a)}</span></label>`,
    )}
    <label class="choice"><input type="radio" name="savedAddressId" value="new" ${chosen === 'new' && html`checked`}>
      <span>${t(locale, 'checkout.newAddress')}</span></label>
    <details ${chosen === 'new' && html`open`}><summary class="link-button">${t(locale, 'checkout.newAddress')}</summary>
      ${addressFields(locale, values, false)}</details>
  </fieldset>`;
}

function deliverySection(locale: Locale, data: CheckoutData): SafeHtml {
  const chosen = data.values.deliveryOption ?? data.deliveryOptions[0]?.code;
  return html`<fieldset class="panel"><legend>${t(locale, 'checkout.delivery')}</legend>
    ${data.deliveryOptions.map((o) => {
      const eta =
        o.etaDays.max === 0
          ? ''
          : t(locale, 'checkout.eta', {
              days: o.etaDays.min === o.etaDays.max ? o.etaDays.max : `${o.etaDays.min}–${o.etaDays.max}`,
            });
      return html`<label class="choice"><input type="radio" name="deliveryOption" value="${o.code}" data-fee-minor="${o.fee.amountMinor}" ${chosen === o.code && html`checked`} required>
        <span><strong>${pick(locale, o.name)}</strong> · ${o.fee.amountMinor === 0 ? t(locale, 'checkout.free') : formatCny(o.fee)}
        ${eta && html`<br><span class="hint">${eta}</span>`}</span></label>`;
    })}
  </fieldset>`;
}

function paymentSection(locale: Locale, values: CheckoutValues): SafeHtml {
  return html`<fieldset class="panel"><legend>${t(locale, 'checkout.payment')}</legend>
    <p class="hint" id="card-hint">${t(locale, 'checkout.cardHint')}</p>
    <div class="field"><label for="f-cardNumber">${t(locale, 'checkout.cardNumber')}</label>
      <input id="f-cardNumber" name="cardNumber" type="text" inputmode="numeric" autocomplete="cc-number" required aria-describedby="card-hint"></div>
    <div class="row">
      <div class="field"><label for="f-expMonth">${t(locale, 'checkout.cardExpMonth')}</label>
        <input id="f-expMonth" name="expMonth" type="text" inputmode="numeric" autocomplete="cc-exp-month" placeholder="MM" value="${values.expMonth ?? ''}" required></div>
      <div class="field"><label for="f-expYear">${t(locale, 'checkout.cardExpYear')}</label>
        <input id="f-expYear" name="expYear" type="text" inputmode="numeric" autocomplete="cc-exp-year" placeholder="YYYY" value="${values.expYear ?? ''}" required></div>
      <div class="field"><label for="f-cvc">${t(locale, 'checkout.cardCvc')}</label>
        <input id="f-cvc" name="cvc" type="text" inputmode="numeric" autocomplete="cc-csc" required></div>
    </div>
    <div class="field"><label for="f-holder">${t(locale, 'checkout.cardHolder')}</label>
      <input id="f-holder" name="holder" type="text" autocomplete="cc-name" value="${values.holder ?? ''}" required></div>
  </fieldset>`;
}

/** The subtotal / delivery / total list shared by checkout and order pages. */
export function renderTotals(
  locale: Locale,
  totals: { subtotal: Money; shipping?: Money; discount?: Money; total: Money },
): SafeHtml {
  return html`<dl class="totals">
    <div><dt>${t(locale, 'cart.subtotal')}</dt><dd>${formatCny(totals.subtotal)}</dd></div>
    ${totals.shipping && html`<div><dt>${t(locale, 'checkout.shipping')}</dt><dd data-shipping data-free="${t(locale, 'checkout.free')}">${totals.shipping.amountMinor === 0 ? t(locale, 'checkout.free') : formatCny(totals.shipping)}</dd></div>`}
    ${totals.discount && totals.discount.amountMinor > 0 && html`<div><dt>${t(locale, 'checkout.discount')}</dt><dd>−${formatCny(totals.discount)}</dd></div>`}
    <div class="grand"><dt>${t(locale, 'checkout.total')}</dt><dd data-testid="total" data-total>${formatCny(totals.total)}</dd></div>
  </dl>
  <p class="price-usd" data-total-usd>${t(locale, 'price.approx', { usd: formatUsd(totals.total) })}</p>`;
}

/** Renders the checkout page. */
export function renderCheckoutPage(ctx: PageContext, data: CheckoutData): string {
  const { locale } = ctx;
  const { values, cart } = data;
  const option = data.deliveryOptions.find(
    (o) => o.code === (values.deliveryOption ?? data.deliveryOptions[0]?.code),
  );
  const shipping = option?.fee ?? { amountMinor: 0, currency: 'CNY' };
  const total = {
    amountMinor: cart.subtotal.amountMinor + shipping.amountMinor,
    currency: cart.subtotal.currency,
  };
  const main = html`<h1>${t(locale, 'checkout.title')}</h1>
    ${data.error && html`<p class="notice" role="alert" data-testid="checkout-error">${data.error}</p>`}
    <form method="post" action="/checkout" class="two-col" data-testid="checkout-form" data-checkout
      data-subtotal-minor="${cart.subtotal.amountMinor}" data-usd-rate="${USD_PER_CNY}" data-approx="${t(locale, 'price.approx', { usd: '{usd}' })}">
      ${csrfField(ctx)}
      <input type="hidden" name="idempotencyKey" value="${data.idempotencyKey}">
      <div>
        <fieldset class="panel"><legend>${t(locale, 'checkout.contact')}</legend>
          ${field(locale, 'email', 'checkout.email', values, { type: 'email', autocomplete: 'email' })}
          ${field(locale, 'phone', 'checkout.phone', values, { type: 'tel', autocomplete: 'tel' })}
        </fieldset>
        ${addressSection(locale, data)}
        ${deliverySection(locale, data)}
        ${paymentSection(locale, values)}
      </div>
      <aside class="panel">
        <h2>${t(locale, 'checkout.summary')}</h2>
        <ul class="lines">${cart.lines.map(
          (
            l,
          ) => html`<li class="line">${l.image ? html`<img src="${l.image}" alt="" width="72" height="72">` : html`<div class="thumb" aria-hidden="true"></div>`}
            <div>${pick(locale, l.title)} <span class="muted">${pick(locale, l.variantLabel)}</span><br>× ${l.quantity} · ${formatCny(l.lineTotal)}</div></li>`,
        )}</ul>
        ${renderTotals(locale, { subtotal: cart.subtotal, shipping, total })}
        <button class="button button-block" type="submit" data-testid="place-order">${t(locale, 'checkout.placeOrder')}</button>
      </aside>
    </form>`;
  return renderPage(ctx, {
    title: `${t(locale, 'checkout.title')} · Lantern 灯笼`,
    noindex: true,
    scripts: ['js/checkout.js'],
    main,
  });
}
