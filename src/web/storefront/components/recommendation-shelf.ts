/**
 * A recommendation shelf: a labelled section of product cards, each with the short reason it is
 * shown ("because you viewed …"), and a link explaining the choice. The beacon reads
 * `data-rec-placement`, `data-rec-strategy` and each link's `data-rec-product` to record
 * impressions and clicks per placement and strategy (or experiment arm).
 */
import { html, type SafeHtml } from '../../html.ts';
import { type Locale, type MessageKey, t, tOr } from '../../i18n/index.ts';
import { type CardProduct, renderProductCard } from './product-card.ts';

/** The parts of a served placement a shelf shows (`ServedPlacement` has this shape). */
export interface ShelfView {
  placement: string;
  /** The strategy or experiment arm the beacon records events under. */
  label: string;
  /** True when the visitor's own events shaped it. */
  personal?: boolean;
  items: { product: CardProduct & { id: string }; reason: { code: string; title?: string } }[];
}

/** Why an item is shown: `rec.reason.<code>` naming the related product, or its `.general` form. */
function reasonText(locale: Locale, reason: { code: string; title?: string }): string {
  if (reason.title)
    return tOr(locale, `rec.reason.${reason.code}`, 'rec.reason.other', { title: reason.title });
  return tOr(locale, `rec.reason.${reason.code}.general`, 'rec.reason.other');
}

/** Items a shelf shows: one row of five on a desktop. */
export const SHELF_SIZE = 5;

/** The heading of each placement's shelf. */
const HEADINGS: Record<string, MessageKey> = {
  home_for_you: 'rec.forYou',
  product_similar: 'rec.similar',
  product_bought_together: 'rec.boughtTogether',
  cart_complete: 'rec.completeOrder',
  search_empty: 'rec.youMayLike',
  order_confirmation: 'rec.youMayLike',
};

/**
 * `shelf` without the products the page already shows elsewhere (shelves lean on the same best
 * sellers and neighbours), cut to a shelf's worth; ask the placement for more to leave enough.
 */
export function withoutProducts<S extends ShelfView>(
  shelf: S | null | undefined,
  shown: readonly { slug: string }[],
): S | null | undefined {
  if (!shelf) return shelf;
  const slugs = new Set(shown.map((p) => p.slug));
  return { ...shelf, items: shelf.items.filter((i) => !slugs.has(i.product.slug)).slice(0, SHELF_SIZE) };
}

export interface ShelfOptions {
  /** The first cards' images load eagerly (a shelf on the first screen). */
  eagerCount?: number;
}

/** Renders a shelf (an h2, cards with h3), or nothing at all when there is no answer or it holds no items. */
export function renderRecommendationShelf(
  locale: Locale,
  shelf: ShelfView | null | undefined,
  options: ShelfOptions = {},
): SafeHtml | null {
  if (!shelf || shelf.items.length === 0) return null;
  const id = `rec-${shelf.placement}`;
  const heading = t(locale, HEADINGS[shelf.placement] ?? 'rec.youMayLike');
  const cards = shelf.items.map((item, i) =>
    renderProductCard(locale, item.product, {
      eager: i < (options.eagerCount ?? 0),
      headingLevel: 3,
      linkAttributes: html`data-rec-product="${item.product.id}"`,
      footer: html`<p class="card-reason">${reasonText(locale, item.reason)}</p>`,
    }),
  );
  return html`<section class="section rec-shelf" aria-labelledby="${id}" data-testid="${id}"
    data-rec-placement="${shelf.placement}" data-rec-strategy="${shelf.label}">
    <div class="section-head"><h2 id="${id}">${heading}</h2>
      <a class="rec-why" href="/interests">${t(locale, 'rec.why')}</a></div>
    <ul class="grid rec-grid">${cards}</ul>
  </section>`;
}
