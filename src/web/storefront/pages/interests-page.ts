/**
 * "我的兴趣 / My interests" (why you see this): what recommendations use, in plain words, the
 * shopper's derived tags with their evidence and a remove button each, and the removed ones with
 * restore. Plain POST forms: it works without JavaScript.
 */
import type {
  InterestEvidence,
  InterestTag,
  RemovedInterest,
  ShopperProfile,
} from '../../../modules/recommendations/index.ts';
import { html, type SafeHtml } from '../../html.ts';
import { interestLabel, type Locale, type MessageKey, t } from '../../i18n/index.ts';
import { csrfField, type PageContext, renderPage } from '../../layout/page-shell.ts';

/** What the page shows after an action: a confirmation, or why the action failed. */
export interface InterestsPageState {
  done?: 'removed' | 'restored' | null;
  error?: string | null;
}

const SECTIONS: { kind: InterestTag['kind']; title: MessageKey }[] = [
  { kind: 'category', title: 'interests.kind.category' },
  { kind: 'brand', title: 'interests.kind.brand' },
  { kind: 'price_band', title: 'interests.kind.priceBand' },
  { kind: 'recency', title: 'interests.kind.recency' },
  { kind: 'frequency', title: 'interests.kind.frequency' },
];

/** GET /interests. */
export function renderInterestsPage(
  ctx: PageContext,
  profile: ShopperProfile,
  state: InterestsPageState = {},
): string {
  const { locale } = ctx;
  const active = profile.tags.filter((tag) => !tag.removed);
  const main = html`<h1>${t(locale, 'interests.title')}</h1>
    <p class="muted">${t(locale, 'interests.subtitle')}</p>
    ${state.done && html`<p class="notice notice-ok" role="status" data-testid="interests-done">${t(locale, state.done === 'removed' ? 'interests.doneRemoved' : 'interests.doneRestored')}</p>`}
    ${state.error && html`<p class="notice" role="alert" data-testid="interests-error">${state.error}</p>`}
    <section class="panel" aria-labelledby="interests-how">
      <h2 id="interests-how">${t(locale, 'interests.howTitle')}</h2>
      <p>${t(locale, 'interests.intro')}</p>
      <p>${t(locale, 'interests.removeExplained')}</p>
      <p class="muted">${t(locale, 'interests.merchantView')}</p>
      <p><a href="/privacy" data-testid="interests-privacy-link">${t(locale, 'interests.privacyLink')}</a></p>
    </section>
    ${statusNotice(locale, profile, active.length)}
    ${SECTIONS.map((section) => tagSection(ctx, section, active))}
    ${removedSection(ctx, profile.removed)}`;
  return renderPage(ctx, { title: `${t(locale, 'interests.title')} · Lantern 灯笼`, noindex: true, main });
}

function statusNotice(locale: Locale, profile: ShopperProfile, activeCount: number): SafeHtml | '' {
  if (!profile.personalisation)
    return html`<p class="notice" data-testid="interests-off">${t(locale, 'interests.off')}</p>`;
  if (activeCount === 0)
    return html`<p class="notice" data-testid="interests-empty">${t(locale, 'interests.empty')}</p>`;
  return '';
}

function tagSection(
  ctx: PageContext,
  section: (typeof SECTIONS)[number],
  tags: InterestTag[],
): SafeHtml | '' {
  const mine = tags.filter((tag) => tag.kind === section.kind);
  if (mine.length === 0) return '';
  const { locale } = ctx;
  return html`<section class="panel" aria-labelledby="interests-${section.kind}">
    <h2 id="interests-${section.kind}">${t(locale, section.title)}</h2>
    <ul class="lines interest-list">${mine.map(
      (
        tag,
      ) => html`<li class="interest" data-testid="interest-tag" data-kind="${tag.kind}" data-value="${tag.value}">
        <div><strong>${interestLabel(locale, tag)}</strong><br><span class="muted">${evidenceText(locale, tag)}</span></div>
        ${
          tag.removable
            ? actionForm(ctx, '/interests/remove', tag, 'interests.remove', 'interests.removeLabel')
            : html`<span class="hint">${t(locale, 'interests.notRemovable')}</span>`
        }</li>`,
    )}</ul>
  </section>`;
}

function removedSection(ctx: PageContext, removed: RemovedInterest[]): SafeHtml | '' {
  if (removed.length === 0) return '';
  const { locale } = ctx;
  return html`<section class="panel" aria-labelledby="interests-removed" data-testid="interests-removed">
    <h2 id="interests-removed">${t(locale, 'interests.removedTitle')}</h2>
    <p class="muted">${t(locale, 'interests.removedHint')}</p>
    <ul class="lines interest-list">${removed.map(
      (
        item,
      ) => html`<li class="interest" data-testid="removed-interest" data-kind="${item.kind}" data-value="${item.value}">
        <div><strong>${interestLabel(locale, item)}</strong><br><span class="muted">${t(locale, `interests.kindName.${item.kind}`)}</span></div>
        ${actionForm(ctx, '/interests/restore', item, 'interests.restore', 'interests.restoreLabel')}</li>`,
    )}</ul>
  </section>`;
}

/** One POST form per tag: kind and value hidden, the button labelled with the tag for screen readers. */
function actionForm(
  ctx: PageContext,
  action: string,
  item: { kind: string; value: string; label: { zh: string; en: string } },
  text: MessageKey,
  label: MessageKey,
): SafeHtml {
  const { locale } = ctx;
  const name = interestLabel(locale, item);
  return html`<form method="post" action="${action}" class="interest-action">
    ${csrfField(ctx)}
    <input type="hidden" name="kind" value="${item.kind}">
    <input type="hidden" name="value" value="${item.value}">
    <button class="button button-secondary" type="submit" aria-label="${t(locale, label, { label: name })}">${t(locale, text)}</button>
  </form>`;
}

/** "viewed 5 · bought 1", or the activity behind recency and frequency. */
function evidenceText(locale: Locale, tag: InterestTag): string {
  const e: InterestEvidence = tag.evidence;
  if (tag.kind === 'recency') {
    const days = e.daysSinceLastActivity ?? 0;
    return days === 0 ? t(locale, 'interests.lastActiveToday') : t(locale, 'interests.lastActive', { days });
  }
  if (tag.kind === 'frequency')
    return t(locale, 'interests.activeDays', { days: e.activeDays ?? 0, events: e.events ?? 0 });
  const parts: [number | undefined, MessageKey][] = [
    [e.views, 'interests.evidence.views'],
    [e.clicks, 'interests.evidence.clicks'],
    [e.favourites, 'interests.evidence.favourites'],
    [e.carts, 'interests.evidence.carts'],
    [e.purchases, 'interests.evidence.purchases'],
  ];
  const counted = parts.filter(([n]) => n).map(([n, key]) => t(locale, key, { count: n ?? 0 }));
  const share = t(locale, 'interests.share', { percent: Math.round(tag.share * 100) });
  return [...counted, share].join(' · ');
}
