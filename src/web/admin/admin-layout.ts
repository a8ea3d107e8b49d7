/**
 * The console's page shell: navigation by role, language switch, sign-out, flash and error
 * messages. Every admin page is personal, so it is sent `private, no-store`.
 */
import type { FastifyReply } from 'fastify';
import { html, type SafeHtml } from '../html.ts';
import type { MessageKey } from '../i18n/index.ts';
import { devOutboxBanner } from '../layout/dev-outbox-banner.ts';
import { ADMIN_ASSET_URLS } from './admin-assets.ts';
import { type AdminContext, type AdminPermission, can } from './admin-context.ts';

export interface AdminPageOptions {
  title: string;
  main: SafeHtml;
  /** A success message after a redirect (PRG). */
  flash?: string | null;
  /** What went wrong, as sentences the merchant can act on. */
  errors?: string[];
}

const NAV: { href: string; permission: AdminPermission; label: MessageKey }[] = [
  { href: '/admin', permission: 'dashboard', label: 'admin.nav.dashboard' },
  { href: '/admin/console/products', permission: 'catalog', label: 'admin.nav.products' },
  { href: '/admin/console/inventory', permission: 'inventory', label: 'admin.nav.inventory' },
  { href: '/admin/console/orders', permission: 'ordersRead', label: 'admin.nav.orders' },
  { href: '/admin/console/customers', permission: 'customers', label: 'admin.nav.customers' },
  { href: '/admin/console/interests', permission: 'recommendations', label: 'admin.nav.interests' },
  { href: '/admin/console/experiments', permission: 'recommendations', label: 'admin.nav.experiments' },
  { href: '/admin/console/event-queue', permission: 'eventQueue', label: 'admin.eventQueue.title' },
];

/** A whole admin page. */
export function adminPage(ctx: AdminContext, options: AdminPageOptions): SafeHtml {
  const { t } = ctx;
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title} · ${t('admin.layout.lanternAdmin')}</title>
<link rel="stylesheet" href="${ADMIN_ASSET_URLS.css}">
<script type="module" src="${ADMIN_ASSET_URLS.js}"></script>
</head>
<body>
<a class="skip" href="#main">${t('admin.layout.skipToContent')}</a>
${devOutboxBanner(ctx.lang, ctx.devOutbox)}
<header class="bar">
  <a class="brand" href="/admin">${t('admin.layout.lanternAdmin')}</a>
  ${ctx.session && navigation(ctx)}
  <div class="who">
    ${ctx.session && html`<span>${roleLabel(ctx)}</span>`}
    ${languageSwitch(ctx)}
    ${ctx.session && html`<form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button class="link" type="submit">${t('admin.layout.signOut')}</button></form>`}
  </div>
</header>
<main id="main">
<h1>${options.title}</h1>
${options.flash && html`<p class="flash ok" role="status">${options.flash}</p>`}
${options.errors?.length && errorBox(ctx, options.errors)}
${options.main}
</main>
</body>
</html>`;
}

function navigation(ctx: AdminContext): SafeHtml {
  const items = NAV.filter((item) => can(ctx, item.permission)).map((item) => {
    const current =
      item.href === '/admin'
        ? ctx.path === '/admin'
        : ctx.path === item.href || ctx.path.startsWith(`${item.href}/`);
    return html`<li><a href="${item.href}"${current ? html` aria-current="page"` : ''}>${ctx.t(item.label)}</a></li>`;
  });
  return html`<nav aria-label="${ctx.t('admin.layout.main')}"><ul>${items}</ul></nav>`;
}

function roleLabel(ctx: AdminContext): string {
  const role = ctx.session?.staffRole;
  if (role === 'merchant') return ctx.t('admin.layout.merchant');
  if (role === 'agent') return ctx.t('admin.layout.supportAgent');
  return ctx.t('admin.layout.administrator');
}

function languageSwitch(ctx: AdminContext): SafeHtml {
  const other = ctx.lang === 'en' ? 'zh-CN' : 'en';
  return html`<form method="post" action="/admin/language">
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <input type="hidden" name="lang" value="${other}">
    <input type="hidden" name="back" value="${ctx.url}">
    <button class="link" type="submit" lang="${other}">${other === 'en' ? 'English' : '简体中文'}</button>
  </form>`;
}

function errorBox(ctx: AdminContext, errors: string[]): SafeHtml {
  if (errors.length === 1) return html`<div class="flash error" role="alert">${errors[0]}</div>`;
  return html`<div class="flash error" role="alert">${ctx.t('admin.layout.pleaseFixTheFollowing')}<ul class="flash-list">${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`;
}

/** Sends a rendered page; `no-store` keeps personal pages out of every cache. */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200) {
  return reply
    .code(status)
    .header('cache-control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(page.value);
}
