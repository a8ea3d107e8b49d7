/**
 * The banner every storefront and admin page shows while the development outbox is on
 * (DEV_OUTBOX=1): nobody should mistake such a shop for a real one, or miss where codes went.
 */
import { html, type SafeHtml } from '../html.ts';
import { type Locale, t } from '../i18n/index.ts';

/** The banner, or nothing when the development outbox is off. */
export function devOutboxBanner(locale: Locale, isOn: boolean): SafeHtml {
  if (!isOn) return html``;
  return html`<div class="dev-outbox-banner" role="note" data-testid="dev-outbox-banner">
  ${t(locale, 'dev.banner')} <a href="/dev/outbox">${t(locale, 'dev.bannerLink')}</a>
</div>`;
}
