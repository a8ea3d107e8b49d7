/**
 * Storefront translations: `t(locale, key, params)` looks a key up in the locale's dictionary
 * and fills `{name}` parameters. The dictionaries share one key type, so a key missing in either
 * language fails the type check instead of showing a raw key to a shopper.
 */
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** Narrows any string to a supported locale, falling back to 简体中文. */
export function toLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'zh-CN';
}

/** The translated text for `key`, e.g. `t('en', 'nav.cartCount', { count: 2 })`. */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = DICTIONARIES[locale][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** True when `key` is in the catalogue (for keys built at run time, such as `problem.<code>`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * The text of a key built at run time, or of `fallback` when the catalogue has no such key, so an
 * unknown code shows a translated generic sentence rather than the code or an English message.
 */
export function tOr(
  locale: Locale,
  key: string,
  fallback: MessageKey,
  params?: Record<string, string | number>,
): string {
  return t(locale, isMessageKey(key) ? key : fallback, params);
}

/** Picks the zh or en half of a bilingual text, falling back to the other when empty. */
export function pick(locale: Locale, text: { zh: string; en: string } | null | undefined): string {
  if (!text) return '';
  return locale === 'en' ? text.en || text.zh : text.zh || text.en;
}

/** The locale the browser asks for when there is no saved preference. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
