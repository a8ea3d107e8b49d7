/**
 * A shopper interest tag's name. Category and brand names are shop data (bilingual, picked by
 * language); price bands and activity segments are the shop's own words, from the catalogue
 * (`interests.tag.<kind>.<code>`).
 */
import { isMessageKey, type Locale, pick, t } from './i18n.ts';

/** The tag's name in `locale`, e.g. 50–200 元 for `{ kind: 'price_band', value: '50_200' }`. */
export function interestLabel(
  locale: Locale,
  tag: { kind: string; value: string; label: { zh: string; en: string } },
): string {
  const key = `interests.tag.${tag.kind}.${tag.value}`;
  return isMessageKey(key) ? t(locale, key) : pick(locale, tag.label);
}
