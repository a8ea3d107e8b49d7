/**
 * The storefront page shell: `<head>` (description, canonical, theme-color, hashed assets),
 * skip link, header (logo, search, category menu, cart, account, language switch), footer with
 * the display-preferences form. Pages pass their `<main>` content; everything is escaped.
 */
import { html, raw, type SafeHtml } from '../html.ts';
import { type Locale, pick, t } from '../i18n/index.ts';
import { type AssetName, assetUrl } from '../static/assets.ts';
import { devOutboxBanner } from './dev-outbox-banner.ts';
import type { Density, Theme } from './preferences.ts';

/** A top-level category for the header menu. */
export interface NavCategory {
  slug: string;
  name: { zh: string; en: string };
}

/** Everything the shell needs to know about the request. */
export interface PageContext {
  locale: Locale;
  theme: Theme;
  density: Density;
  /** The path and query of this page (for canonical links and "return to" fields). */
  path: string;
  publicUrl: string;
  csrfToken: string | null;
  isSignedIn: boolean;
  cartCount: number;
  categories: NavCategory[];
  /** The search box's current text. */
  query?: string;
  /** The slug of the category being shown, for aria-current in the menu. */
  currentCategory?: string;
  /** The visitor's privacy choice; null before the first one (the consent banner shows). */
  consent: { personalisation: boolean; analytics: boolean } | null;
  /** The development outbox is on (DEV_OUTBOX=1): every page says so. */
  devOutbox: boolean;
  /** SMS can be sent, so phone-code sign-in is offered. */
  canSendSms: boolean;
  /** Email can be sent, so registration is offered. */
  canSendEmail: boolean;
}

export interface PageOptions {
  title: string;
  description?: string;
  /** Path for `<link rel=canonical>`; defaults to the request path without its query. */
  canonicalPath?: string;
  /** Extra `<head>` elements (rel=prev/next, preloads). */
  head?: SafeHtml;
  scripts?: AssetName[];
  noindex?: boolean;
  main: SafeHtml;
}

const LOGO = raw(
  '<svg aria-hidden="true" viewBox="0 0 32 32"><rect x="13" y="1" width="6" height="4" rx="1" fill="#7a1a10"/><ellipse cx="16" cy="17" rx="12" ry="11" fill="#c2121f"/><path d="M16 6v22M9 8c-3 6-3 12 0 18M23 8c3 6 3 12 0 18" stroke="#f7c948" stroke-width="1.5" fill="none"/><rect x="12" y="27" width="8" height="3" rx="1" fill="#7a1a10"/></svg>',
);

const CART_ICON = raw(
  '<svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="9" cy="20" r="1.5"/><circle cx="18" cy="20" r="1.5"/><path d="M2 3h3l2.6 12.4a1 1 0 0 0 1 .8h9.7a1 1 0 0 0 1-.8L21 7H6"/></svg>',
);

/** The hidden CSRF field every POST form carries (empty before a session exists). */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">`;
}

/** Renders a whole HTML document. */
export function renderPage(ctx: PageContext, options: PageOptions): string {
  const { locale } = ctx;
  const canonical = ctx.publicUrl + (options.canonicalPath ?? ctx.path.split('?')[0]);
  const tracking = Boolean(ctx.consent && (ctx.consent.personalisation || ctx.consent.analytics));
  const scripts: AssetName[] = [
    'js/search-suggest.js',
    ...(tracking ? (['js/beacon.js'] as const) : []),
    ...(options.scripts ?? []),
  ];
  const doc = html`<!doctype html>
<html lang="${locale}" data-theme="${ctx.theme}" data-density="${ctx.density}"${consentAttributes(ctx)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<meta name="description" content="${options.description ?? t(locale, 'site.description')}">
<link rel="canonical" href="${canonical}">
${options.noindex && html`<meta name="robots" content="noindex">`}
<meta name="theme-color" content="#c2121f" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#1d1c1a" media="(prefers-color-scheme: dark)">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('app.css')}">
${options.head}
${scripts.map((s) => html`<script type="module" src="${assetUrl(s)}"></script>`)}
</head>
<body>
<a class="skip-link" href="#main">${t(locale, 'nav.skip')}</a>
${devOutboxBanner(locale, ctx.devOutbox)}
${renderConsentBanner(ctx)}
${renderHeader(ctx)}
<main id="main" tabindex="-1"><div class="wrap">${options.main}</div></main>
${renderFooter(ctx)}
</body>
</html>`;
  return doc.value;
}

/** `data-personalisation` / `data-analytics` tell the beacon what the visitor allowed. */
function consentAttributes(ctx: PageContext): SafeHtml {
  return html`${ctx.consent?.personalisation ? raw(' data-personalisation') : ''}${ctx.consent?.analytics ? raw(' data-analytics') : ''}`;
}

/**
 * The first-visit privacy choice: in the page flow above the header (never an overlay, so it
 * neither covers content nor shifts it after load), a plain form that works without JavaScript.
 */
function renderConsentBanner(ctx: PageContext): SafeHtml {
  if (ctx.consent || ctx.path.startsWith('/privacy')) return html``;
  const { locale } = ctx;
  return html`<section class="consent-banner" aria-labelledby="consent-title" data-testid="consent-banner">
<div class="wrap">
  <p id="consent-title" class="consent-title">${t(locale, 'privacy.bannerTitle')}</p>
  <p>${t(locale, 'privacy.bannerText')} <a href="/privacy">${t(locale, 'privacy.title')}</a></p>
  <form class="consent-actions" method="post" action="/consent">
    ${csrfField(ctx)}
    <input type="hidden" name="returnTo" value="${ctx.path}">
    <button class="button button-secondary" type="submit" name="choice" value="necessary" data-testid="consent-necessary">${t(locale, 'privacy.necessaryOnly')}</button>
    <button class="button button-secondary" type="submit" name="choice" value="personalisation" data-testid="consent-personalisation">${t(locale, 'privacy.allowPersonalisation')}</button>
    <button class="button" type="submit" name="choice" value="all" data-testid="consent-all">${t(locale, 'privacy.allowAll')}</button>
  </form>
</div>
</section>`;
}

function renderHeader(ctx: PageContext): SafeHtml {
  const { locale } = ctx;
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return html`<header class="site-header">
<div class="wrap header-row">
  <a class="logo" href="/">${LOGO}<span>Lantern 灯笼</span></a>
  <form class="search" role="search" action="/search" method="get">
    <label class="visually-hidden" for="site-search-q">${t(locale, 'search.label')}</label>
    <input id="site-search-q" type="search" name="q" value="${ctx.query ?? ''}"
      placeholder="${t(locale, 'search.placeholder')}" autocomplete="off" enterkeyhint="search"
      role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="site-search-suggestions">
    <button type="submit">${t(locale, 'search.submit')}</button>
    <ul id="site-search-suggestions" class="suggestions" role="listbox" aria-label="${t(locale, 'search.label')}" hidden></ul>
  </form>
  <nav class="header-links" aria-label="${t(locale, 'nav.account')}">
    <form method="post" action="/preferences">
      ${csrfField(ctx)}
      <input type="hidden" name="locale" value="${other}">
      <input type="hidden" name="returnTo" value="${ctx.path}">
      <button type="submit" lang="${other}" title="${t(locale, 'prefs.switchLabel')}" data-testid="language-switch">${t(locale, 'prefs.switchTo')}</button>
    </form>
    <a href="${ctx.isSignedIn ? '/account' : '/login'}">${t(locale, ctx.isSignedIn ? 'nav.account' : 'nav.login')}</a>
    <a href="/cart" data-testid="cart-link">${CART_ICON}<span class="wide-label">${t(locale, 'nav.cart')}</span>
      <span class="badge" data-cart-count ${ctx.cartCount ? '' : raw('hidden')}>${ctx.cartCount}</span>
    </a>
  </nav>
</div>
<nav class="category-nav" aria-label="${t(locale, 'nav.categories')}">
  <ul class="wrap">
    ${ctx.categories.map(
      (c) =>
        html`<li><a href="/c/${c.slug}" ${c.slug === ctx.currentCategory ? raw('aria-current="page"') : ''}>${pick(locale, c.name)}</a></li>`,
    )}
  </ul>
</nav>
</header>`;
}

function renderFooter(ctx: PageContext): SafeHtml {
  const { locale } = ctx;
  const option = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? raw('selected') : ''}>${label}</option>`;
  return html`<footer class="site-footer">
<div class="wrap">
  <p>${t(locale, 'footer.about')} <a href="/privacy" data-testid="privacy-link">${t(locale, 'privacy.title')}</a></p>
  <form class="prefs-form" method="post" action="/preferences" aria-label="${t(locale, 'footer.prefs')}">
    ${csrfField(ctx)}
    <input type="hidden" name="returnTo" value="${ctx.path}">
    <div><label for="pref-locale">${t(locale, 'prefs.language')}</label>
      <select id="pref-locale" name="locale">${option('zh-CN', '简体中文', locale)}${option('en', 'English', locale)}</select></div>
    <div><label for="pref-theme">${t(locale, 'prefs.theme')}</label>
      <select id="pref-theme" name="theme">
        ${(['system', 'light', 'dark'] as const).map((v) => option(v, t(locale, `prefs.theme.${v}`), ctx.theme))}
      </select></div>
    <div><label for="pref-density">${t(locale, 'prefs.density')}</label>
      <select id="pref-density" name="density">
        ${(['comfortable', 'compact'] as const).map((v) => option(v, t(locale, `prefs.density.${v}`), ctx.density))}
      </select></div>
    <button class="button button-secondary" type="submit" data-testid="save-preferences">${t(locale, 'prefs.save')}</button>
  </form>
</div>
</footer>`;
}
