/**
 * Storefront and console translations: the `t` helper, locales, the bilingual `pick`, and the
 * words for system facts (order statuses, payment failures, timeline entries, problems).
 */
export {
  isMessageKey,
  LOCALES,
  type Locale,
  localeFromAcceptLanguage,
  type MessageKey,
  pick,
  t,
  tOr,
  toLocale,
} from './i18n.ts';
export { interestLabel } from './interest-text.ts';
export {
  actorLabel,
  deliveryOptionName,
  orderStatusLabel,
  paymentFailureText,
  paymentMethodLabel,
  timelineText,
} from './order-text.ts';
export { fieldErrorsOf, issuesOf, issueText, problemText } from './problem-text.ts';
