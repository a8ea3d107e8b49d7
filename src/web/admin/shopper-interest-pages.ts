/**
 * Shopper interests in aggregate, for merchants (read-only): how many shoppers have a profile,
 * the categories and brands most often in profiles, the price band and recency/frequency mix,
 * and which interests shoppers removed. Groups of fewer than 5 shoppers are hidden (k-anonymity),
 * and the page says how many were.
 */
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../../modules/identity/index.ts';
import {
  aggregateShopperInterests,
  type InterestGroup,
  type ShopperInterestAggregate,
} from '../../modules/recommendations/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { interestLabel } from '../i18n/index.ts';
import { type AdminContext, adminContext } from './admin-context.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const TAGS = ['admin console'];
/** Merchants decide what to sell and promote; support agents do not need shoppers' tastes. */
const ROLES = ['merchant' as const];

export async function shopperInterestPages(app: FastifyInstance) {
  app.get(
    '/admin/console/interests',
    { schema: { hide: true, tags: TAGS, summary: 'Shopper interests in aggregate' } },
    async (request, reply) => {
      requireStaff(request, ROLES);
      const ctx = adminContext(request);
      const result = await aggregateShopperInterests(request.server.deps.sql);
      const title = ctx.t('admin.interests.shopperInterests');
      return sendPage(reply, adminPage(ctx, { title, main: renderAggregate(ctx, result) }));
    },
  );
}

function renderAggregate(ctx: AdminContext, result: ShopperInterestAggregate): SafeHtml {
  const { t } = ctx;
  const n = result.minGroupSize;
  const sections: [string, InterestGroup[], number, string][] = [
    [t('admin.interests.topCategories'), result.categories, result.hidden.categories, 'categories'],
    [t('admin.interests.topBrands'), result.brands, result.hidden.brands, 'brands'],
    [t('admin.interests.priceBands'), result.priceBands, result.hidden.priceBands, 'price-bands'],
    [t('admin.interests.recency'), result.recency, result.hidden.recency, 'recency'],
    [t('admin.interests.frequency'), result.frequency, result.hidden.frequency, 'frequency'],
    [t('admin.interests.removedInterests'), result.removals, result.hidden.removals, 'removals'],
  ];
  return html`<div class="cards">
  <div class="card"><div class="label">${t('admin.interests.profiledShoppers')}</div><div data-testid="profiled-shoppers">${result.profiledShoppers}</div>
    <div class="muted">${t('admin.interests.personalisationOnWithActivity')}</div></div>
</div>
<p class="muted" data-testid="k-anonymity-note">${t('admin.interests.toProtectShoppersPrivacyGroups', { n })}</p>
${sections.map(([heading, groups, hidden, id]) => section(ctx, heading, groups, hidden, id))}`;
}

function section(
  ctx: AdminContext,
  heading: string,
  groups: InterestGroup[],
  hidden: number,
  id: string,
): SafeHtml {
  const { t } = ctx;
  const label = (g: InterestGroup) => interestLabel(ctx.lang, g);
  const kindName = (g: InterestGroup) =>
    g.kind === 'category'
      ? t('admin.interests.category')
      : g.kind === 'brand'
        ? t('admin.common.brand')
        : t('admin.interests.priceBand');
  const showKind = id === 'removals';
  return html`<section aria-labelledby="si-${id}" data-testid="interests-${id}">
<h2 id="si-${id}">${heading}</h2>
${
  groups.length
    ? html`<div class="table-wrap"><table>
<thead><tr>${showKind && html`<th scope="col">${t('admin.interests.kind')}</th>`}<th scope="col">${t('admin.interests.tag')}</th><th scope="col">${t('admin.interests.shoppers')}</th></tr></thead>
<tbody>${groups.map(
        (g) =>
          html`<tr data-testid="interest-group" data-value="${g.value}">${showKind && html`<td>${kindName(g)}</td>`}<td>${label(g)}</td><td>${g.shoppers}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('admin.interests.noGroupToShowYet')}</p>`
}
${hidden > 0 && html`<p class="muted" data-testid="hidden-groups">${t('admin.interests.smallerGroupSHidden', { hidden })}</p>`}
</section>`;
}
