/**
 * Display preferences (language, theme, density). Guests keep them in the `lantern_prefs`
 * cookie; signed-in customers also in their account, and signing in copies the account's
 * choice into the cookie, so rendering a page never needs a database read for them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, localeFromAcceptLanguage, toLocale } from '../i18n/index.ts';

export type Theme = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

export interface Preferences {
  locale: Locale;
  theme: Theme;
  density: Density;
}

export const PREFS_COOKIE = 'lantern_prefs';
const ONE_YEAR_SECONDS = 365 * 86_400;

/** Narrows untrusted values to a valid theme. */
export function toTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Narrows untrusted values to a valid density. */
export function toDensity(value: unknown): Density {
  return value === 'compact' ? 'compact' : 'comfortable';
}

/** Parses the cookie value `locale.theme.density`; anything unknown falls back to defaults. */
export function parsePreferences(cookie: string | undefined, acceptLanguage?: string): Preferences {
  const [locale, theme, density] = (cookie ?? '').split('.');
  return {
    locale: locale ? toLocale(locale) : localeFromAcceptLanguage(acceptLanguage),
    theme: toTheme(theme),
    density: toDensity(density),
  };
}

/** The preferences of this request; `?lang=en|zh-CN` overrides the language for one page. */
export function preferencesOf(request: FastifyRequest): Preferences {
  const prefs = parsePreferences(request.cookies[PREFS_COOKIE], request.headers['accept-language']);
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  if (lang === 'en' || lang === 'zh-CN') prefs.locale = lang;
  return prefs;
}

/** Stores the preferences in the cookie (readable by no script; not secret, but no need). */
export function setPreferencesCookie(request: FastifyRequest, reply: FastifyReply, prefs: Preferences) {
  reply.setCookie(PREFS_COOKIE, `${prefs.locale}.${prefs.theme}.${prefs.density}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.deps.config.secureCookies,
    maxAge: ONE_YEAR_SECONDS,
  });
}
