/**
 * One-page checkout: contact, address (saved ones for customers), delivery option, the sandbox
 * card, and the summary. One submit places the order and pays it; the idempotency key is made
 * when the page renders, so a double submit or a retry places one order.
 */
import { type Money, USD_PER_CNY } from '../../../app/money.ts';
import { html, type SafeHtml } from '../../html.ts';
import { deliveryOptionName, type Locale, type MessageKey, pick, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { type InputFieldOptions, inputField } from '../components/form-field.ts';
import { formatCny, formatUsd } from '../components/price.ts';

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

/** The checkout quote the page shows (computed by checkout's `quoteCheckout`, never here). */
export interface CheckoutSummary {
  lines: { title: Text; variantLabel: Text; image: string | null; quantity: number; lineTotal: Money }[];
  subtotal: Money;
  shipping: Money;
  discount: Money;
  total: Money;
  /** The delivery option the totals are for. */
  deliveryOption: { code: string };
}

export interface CheckoutData {
  quote: CheckoutSummary;
  deliveryOptions: DeliveryChoice[];
  savedAddresses: SavedAddress[];
  values: CheckoutValues;
  idempotencyKey: string;
  error?: string;
  /** Each failed field's translated problem, by input name. */
  fieldErrors?: Record<string, string>;
}

/** The address inputs, by name (the same names the customers module's issues use). */
export const ADDRESS_FIELDS = [
  'recipient',
  'phone',
  'province',
  'city',
  'district',
  'line1',
  'postalCode',
] as const;

/** One line of an address, as shoppers in China write it. */
export function formatAddress(a: Omit<SavedAddress, 'id' | 'isDefault'>): string {
  return [a.province, a.city, a.district, a.line1].filter(Boolean).join(' ');
}

type FieldFor = (
  name: string,
  key: MessageKey,
  attrs?: { type?: string; autocomplete?: string; required?: boolean; inputmode?: string },
) => SafeHtml;

/** A field of this form: its label, the value typed so far and its error, if any. */
function fieldsOf(locale: Locale, data: CheckoutData): FieldFor {
  return (name, key, attrs = {}) =>
    inputField({
      id: `f-${name}`,
      name,
      label: t(locale, key),
      value: data.values[name] ?? '',
      error: data.fieldErrors?.[name],
      ...attrs,
    });
}

function addressFields(field: FieldFor, required: boolean): SafeHtml {
  return html`${field('recipient', 'checkout.recipient', { autocomplete: 'shipping name', required })}
    <div class="row">
      ${field('province', 'checkout.province', { autocomplete: 'shipping address-level1', required })}
      ${field('city', 'checkout.city', { autocomplete: 'shipping address-level2', required })}
      ${field('district', 'checkout.district', { autocomplete: 'shipping address-level3', required: false })}
    </div>
    ${field('line1', 'checkout.line1', { autocomplete: 'shipping street-address', required })}
    ${field('postalCode', 'checkout.postalCode', { autocomplete: 'shipping postal-code', required: false, inputmode: 'numeric' })}`;
}

function addressSection(locale: Locale, data: CheckoutData): SafeHtml {
  const { values, savedAddresses } = data;
  const field = fieldsOf(locale, data);
  if (savedAddresses.length === 0) {
    return html`<fieldset class="panel"><legend>${t(locale, 'checkout.address')}</legend>${addressFields(field, true)}</fieldset>`;
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
    <details ${(chosen === 'new' || ADDRESS_FIELDS.some((f) => data.fieldErrors?.[f])) && html`open`}><summary class="link-button">${t(locale, 'checkout.newAddress')}</summary>
      ${addressFields(field, false)}</details>
  </fieldset>`;
}

function deliverySection(locale: Locale, data: CheckoutData): SafeHtml {
  const chosen = data.quote.deliveryOption.code;
  return html`<fieldset class="panel"><legend>${t(locale, 'checkout.delivery')}</legend>
    ${data.deliveryOptions.map((o) => {
      const eta =
        o.etaDays.max === 0
          ? ''
          : t(locale, 'checkout.eta', {
              days: o.etaDays.min === o.etaDays.max ? o.etaDays.max : `${o.etaDays.min}–${o.etaDays.max}`,
            });
      return html`<label class="choice"><input type="radio" name="deliveryOption" value="${o.code}" ${chosen === o.code && html`checked`} required>
        <span><strong>${deliveryOptionName(locale, o.code)}</strong> · ${o.fee.amountMinor === 0 ? t(locale, 'checkout.free') : formatCny(o.fee)}
        ${eta && html`<br><span class="hint">${eta}</span>`}</span></label>`;
    })}
  </fieldset>`;
}

/** The card fields; the number and CVC are never shown back, only their errors. */
export function cardFields(
  locale: Locale,
  idPrefix: string,
  errors: Record<string, string> = {},
  values: CheckoutValues = {},
): SafeHtml {
  const card = (name: string, key: MessageKey, attrs: Partial<InputFieldOptions>) =>
    inputField({
      id: `${idPrefix}-${name}`,
      name,
      label: t(locale, key),
      error: errors[name],
      inputmode: 'numeric',
      ...attrs,
    });
  return html`${card('cardNumber', 'checkout.cardNumber', { autocomplete: 'cc-number', describedBy: `${idPrefix}-card-hint` })}
    <div class="row">
      ${card('expMonth', 'checkout.cardExpMonth', { autocomplete: 'cc-exp-month', placeholder: 'MM', value: values.expMonth ?? '' })}
      ${card('expYear', 'checkout.cardExpYear', { autocomplete: 'cc-exp-year', placeholder: 'YYYY', value: values.expYear ?? '' })}
      ${card('cvc', 'checkout.cardCvc', { autocomplete: 'cc-csc' })}
    </div>
    ${card('holder', 'checkout.cardHolder', { autocomplete: 'cc-name', inputmode: undefined, value: values.holder ?? '' })}`;
}

function paymentSection(locale: Locale, data: CheckoutData): SafeHtml {
  return html`<fieldset class="panel"><legend>${t(locale, 'checkout.payment')}</legend>
    <p class="hint" id="f-card-hint">${t(locale, 'checkout.cardHint')}</p>
    ${cardFields(locale, 'f', data.fieldErrors, data.values)}
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
  const { quote } = data;
  const field = fieldsOf(locale, data);
  const main = html`<h1>${t(locale, 'checkout.title')}</h1>
    ${data.error && html`<p class="notice" role="alert" data-testid="checkout-error">${data.error}</p>`}
    <form method="post" action="/checkout" class="two-col" data-testid="checkout-form" data-checkout
      data-usd-rate="${USD_PER_CNY}" data-approx="${t(locale, 'price.approx', { usd: '{usd}' })}">
      ${csrfField(ctx)}
      <input type="hidden" name="idempotencyKey" value="${data.idempotencyKey}">
      <input type="hidden" name="shownTotalMinor" value="${quote.total.amountMinor}" data-shown-total>
      <div>
        <fieldset class="panel"><legend>${t(locale, 'checkout.contact')}</legend>
          ${field('email', 'checkout.email', { type: 'email', autocomplete: 'email' })}
          ${field('phone', 'checkout.phone', { type: 'tel', autocomplete: 'tel' })}
        </fieldset>
        ${addressSection(locale, data)}
        ${deliverySection(locale, data)}
        ${paymentSection(locale, data)}
      </div>
      <aside class="panel">
        <h2>${t(locale, 'checkout.summary')}</h2>
        <ul class="lines">${quote.lines.map(
          (
            l,
          ) => html`<li class="line">${l.image ? html`<img src="${l.image}" alt="" width="72" height="72">` : html`<div class="thumb" aria-hidden="true"></div>`}
            <div>${pick(locale, l.title)} <span class="muted">${pick(locale, l.variantLabel)}</span><br>× ${l.quantity} · ${formatCny(l.lineTotal)}</div></li>`,
        )}</ul>
        ${renderTotals(locale, quote)}
        <button class="button button-block" type="submit" data-testid="place-order">${t(locale, 'checkout.placeOrder')}</button>
        <button class="link-button" type="submit" name="intent" value="quote" formnovalidate data-update-total data-testid="update-total">${t(locale, 'checkout.updateTotal')}</button>
        <p class="hint">${t(locale, 'checkout.orPayWithWallet')}</p>
        <div class="pay-actions">
          <button class="button button-secondary" type="submit" name="paymentMethod" value="alipay" formnovalidate data-testid="place-order-alipay">${t(locale, 'checkout.payWithAlipay')}</button>
          <button class="button button-secondary" type="submit" name="paymentMethod" value="wechat_pay" formnovalidate data-testid="place-order-wechat">${t(locale, 'checkout.payWithWechat')}</button>
        </div>
      </aside>
    </form>`;
  return renderPage(ctx, {
    title: `${t(locale, 'checkout.title')} · Lantern 灯笼`,
    noindex: true,
    scripts: ['js/checkout.js'],
    main,
  });
}
