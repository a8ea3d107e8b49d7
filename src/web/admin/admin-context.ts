/**
 * Who is looking at an admin page and in which language: the staff session, the CSRF token every
 * form carries, and `t(key, params)` for the catalogue's text (src/web/i18n). Simplified Chinese
 * is the default language.
 */
import type { FastifyRequest } from 'fastify';
import type { Session, StaffRole } from '../../modules/identity/index.ts';
import { type MessageKey, t } from '../i18n/index.ts';

export type AdminLang = 'zh-CN' | 'en';
export const ADMIN_LANG_COOKIE = 'lantern_admin_lang';

/** What each screen needs; admins pass every check (as in `requireStaff`). */
export const ADMIN_PERMISSIONS = {
  dashboard: ['merchant', 'agent'],
  catalog: ['merchant'],
  inventory: ['merchant'],
  ordersRead: ['merchant', 'agent'],
  ordersWrite: ['merchant'],
  customers: ['merchant', 'agent'],
  /** The event queue's failed events: retrying or discarding one changes what the shop records. */
  eventQueue: ['merchant'],
  /** Shopper interests in aggregate and recommendation experiments. */
  recommendations: ['merchant'],
} satisfies Record<string, StaffRole[]>;

export type AdminPermission = keyof typeof ADMIN_PERMISSIONS;

export interface AdminContext {
  lang: AdminLang;
  /** The catalogue's text in the page's language, e.g. `t('admin.orders.markShipped')`. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  session: Session | null;
  /** The token every POST form sends as `_csrf` (empty when signed out). */
  csrf: string;
  /** The request path without its query, for the navigation's current item. */
  path: string;
  /** The full request URL (path and query), to return to after an action. */
  url: string;
  /** The development outbox is on (DEV_OUTBOX=1): every page says so. */
  devOutbox: boolean;
}

/** Builds the page context of a request. */
export function adminContext(request: FastifyRequest): AdminContext {
  const lang: AdminLang = request.cookies[ADMIN_LANG_COOKIE] === 'en' ? 'en' : 'zh-CN';
  const session = request.staffSession;
  // Under /admin only the staff session counts; signed out (login) there is no token to echo and
  // request-auth refuses cross-site posts instead.
  const csrf = session?.csrfToken ?? '';
  return {
    lang,
    t: (key, params) => t(lang, key, params),
    session,
    csrf,
    path: request.url.split('?')[0]!,
    url: request.url,
    devOutbox: request.server.deps.config.devOutbox,
  };
}

/** True when the signed-in staff member may use a screen or action. */
export function can(ctx: AdminContext, permission: AdminPermission): boolean {
  const role = ctx.session?.staffRole;
  if (!role) return false;
  return role === 'admin' || (ADMIN_PERMISSIONS[permission] as StaffRole[]).includes(role);
}
