/** The account area: overview with orders, addresses (add, edit default, delete), preferences. */
import type { Money } from '../../../app/money.ts';
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, type MessageKey, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';
import { inputField } from '../components/form-field.ts';
import { formatCny } from '../components/price.ts';
import { type CheckoutValues, formatAddress, type SavedAddress } from './checkout-page.ts';
import { formatDateTime, statusLabel } from './order-page.ts';

export type AccountTab = 'orders' | 'addresses' | 'preferences' | 'privacy';

export interface OrderRow {
  id: string;
  number: string;
  status: string;
  total: Money;
  itemCount: number;
  createdAt: Date;
}

function shell(ctx: PageContext, tab: AccountTab, name: string, body: SafeHtml): string {
  const { locale } = ctx;
  const tabs: [AccountTab, string][] = [
    ['orders', '/account'],
    ['addresses', '/account/addresses'],
    ['preferences', '/account/preferences'],
    ['privacy', '/privacy'],
  ];
  const main = html`<h1>${t(locale, 'account.title')}</h1>
    ${name && html`<p class="muted">${t(locale, 'account.hello', { name })}</p>`}
    <nav aria-label="${t(locale, 'account.title')}"><ul class="tabs">
      ${tabs.map(([key, href]) => html`<li><a href="${href}" ${key === tab && html`aria-current="page"`}>${t(locale, `account.${key}`)}</a></li>`)}
    </ul></nav>
    ${body}
    <form method="post" action="/logout">${csrfField(ctx)}
      <button class="button button-secondary" type="submit" data-testid="sign-out">${t(locale, 'nav.logout')}</button></form>`;
  return renderPage(ctx, { title: `${t(locale, `account.${tab}`)} · Lantern 灯笼`, noindex: true, main });
}

/** The orders list (the account home). */
export function renderAccountOrdersPage(ctx: PageContext, name: string, orders: OrderRow[]): string {
  const { locale } = ctx;
  const body =
    orders.length === 0
      ? html`<div class="panel"><p>${t(locale, 'account.noOrders')}</p></div>`
      : html`<ul class="lines panel" data-testid="account-orders">${orders.map(
          (o) => html`<li class="line" data-plain>
            <div><a href="/orders/${o.id}"><strong>${o.number}</strong></a> · ${statusLabel(locale, o.status)}<br>
            <span class="muted">${formatDateTime(locale, o.createdAt)} · ${t(locale, 'account.items', { count: o.itemCount })} · </span><span class="price">${formatCny(o.total)}</span></div></li>`,
        )}</ul>`;
  return shell(ctx, 'orders', name, body);
}

function addressForm(
  locale: Locale,
  ctx: PageContext,
  values: CheckoutValues,
  errors: Record<string, string>,
): SafeHtml {
  const input = (name: string, label: MessageKey, autocomplete: string, required = true) =>
    inputField({
      id: `a-${name}`,
      name,
      label: t(locale, label),
      type: name === 'phone' ? 'tel' : 'text',
      autocomplete,
      value: values[name] ?? '',
      required,
      error: errors[name],
    });
  return html`<form class="panel" method="post" action="/account/addresses" data-testid="address-form">
    <h2>${t(locale, 'account.addAddress')}</h2>
    ${csrfField(ctx)}
    ${input('recipient', 'checkout.recipient', 'name')}
    ${input('phone', 'checkout.phone', 'tel')}
    <div class="row">${input('province', 'checkout.province', 'address-level1')}${input('city', 'checkout.city', 'address-level2')}${input('district', 'checkout.district', 'address-level3', false)}</div>
    ${input('line1', 'checkout.line1', 'street-address')}
    ${input('postalCode', 'checkout.postalCode', 'postal-code', false)}
    <label class="check"><input type="checkbox" name="isDefault" value="1"> ${t(locale, 'account.makeDefault')}</label>
    <p><button class="button" type="submit" data-testid="save-address">${t(locale, 'account.saveAddress')}</button></p>
  </form>`;
}

/** Saved addresses with delete and make-default buttons, and the add form. */
export function renderAccountAddressesPage(
  ctx: PageContext,
  name: string,
  addresses: SavedAddress[],
  options: { values?: CheckoutValues; error?: string; fieldErrors?: Record<string, string> } = {},
): string {
  const { locale } = ctx;
  const list =
    addresses.length === 0
      ? html`<div class="panel"><p>${t(locale, 'account.noAddresses')}</p></div>`
      : html`<ul class="lines panel" data-testid="address-list">${addresses.map(
          (a) => html`<li class="line" data-plain><div>
            <strong>${a.recipient}</strong> ${a.phone} ${a.isDefault && html`<span class="badge">${t(locale, 'account.default')}</span>`}<br>${formatAddress(a)}
            <div class="line-actions">
              ${
                !a.isDefault &&
                html`<form method="post" action="/account/addresses/${a.id}/default">${csrfField(ctx)}
                <button class="button button-secondary button-small" type="submit">${t(locale, 'account.makeDefault')}</button></form>`
              }
              <form method="post" action="/account/addresses/${a.id}/delete">${csrfField(ctx)}
                <button class="button button-secondary button-small" type="submit" data-testid="delete-address">${t(locale, 'account.deleteAddress')}<span class="visually-hidden"> ${a.recipient}</span></button></form>
            </div></div></li>`,
        )}</ul>`;
  const body = html`${options.error && html`<p class="notice" role="alert">${options.error}</p>`}${list}${addressForm(locale, ctx, options.values ?? {}, options.fieldErrors ?? {})}`;
  return shell(ctx, 'addresses', name, body);
}

/** The preferences form (language, theme, density), saved to the account. */
export function renderAccountPreferencesPage(ctx: PageContext, name: string, saved: boolean): string {
  const { locale } = ctx;
  const radio = (group: string, value: string, label: string, current: string) =>
    html`<label class="check"><input type="radio" name="${group}" value="${value}" ${value === current && html`checked`}> ${label}</label>`;
  const body = html`${saved && html`<p class="notice notice-ok" role="status">${t(locale, 'prefs.saved')}</p>`}
    <form class="panel" method="post" action="/preferences" data-testid="preferences-form">
      ${csrfField(ctx)}
      <input type="hidden" name="returnTo" value="/account/preferences?saved=1">
      <fieldset><legend>${t(locale, 'prefs.language')}</legend>
        ${radio('locale', 'zh-CN', '简体中文', locale)}${radio('locale', 'en', 'English', locale)}</fieldset>
      <fieldset><legend>${t(locale, 'prefs.theme')}</legend>
        ${(['system', 'light', 'dark'] as const).map((v) => radio('theme', v, t(locale, `prefs.theme.${v}`), ctx.theme))}</fieldset>
      <fieldset><legend>${t(locale, 'prefs.density')}</legend>
        ${(['comfortable', 'compact'] as const).map((v) => radio('density', v, t(locale, `prefs.density.${v}`), ctx.density))}</fieldset>
      <button class="button" type="submit">${t(locale, 'prefs.save')}</button>
    </form>`;
  return shell(ctx, 'preferences', name, body);
}
