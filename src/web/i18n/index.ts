/** Storefront and console translations: the `t` helper, locales and the bilingual `pick`. */
export {
  LOCALES,
  type Locale,
  localeFromAcceptLanguage,
  type MessageKey,
  pick,
  t,
  toLocale,
} from './i18n.ts';
