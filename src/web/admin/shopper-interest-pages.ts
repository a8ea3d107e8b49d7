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
      const title = ctx.t('顾客兴趣', 'Shopper interests');
      return sendPage(reply, adminPage(ctx, { title, main: renderAggregate(ctx, result) }));
    },
  );
}

function renderAggregate(ctx: AdminContext, result: ShopperInterestAggregate): SafeHtml {
  const { t } = ctx;
  const n = result.minGroupSize;
  const sections: [string, InterestGroup[], number, string][] = [
    [t('常看的品类', 'Top categories'), result.categories, result.hidden.categories, 'categories'],
    [t('常看的品牌', 'Top brands'), result.brands, result.hidden.brands, 'brands'],
    [t('价格区间', 'Price bands'), result.priceBands, result.hidden.priceBands, 'price-bands'],
    [t('最近一次光顾', 'Recency'), result.recency, result.hidden.recency, 'recency'],
    [t('光顾频率', 'Frequency'), result.frequency, result.hidden.frequency, 'frequency'],
    [t('被移除的兴趣', 'Removed interests'), result.removals, result.hidden.removals, 'removals'],
  ];
  return html`<div class="cards">
  <div class="card"><div class="label">${t('有画像的顾客', 'Profiled shoppers')}</div><div data-testid="profiled-shoppers">${result.profiledShoppers}</div>
    <div class="muted">${t('已开启个性化且有行为记录', 'Personalisation on, with activity')}</div></div>
</div>
<p class="muted" data-testid="k-anonymity-note">${t(
    `为保护顾客隐私，少于 ${n} 位顾客的分组不予显示。每位顾客的画像取其最常看的 5 个品类和品牌、占比至少 25% 的价格区间；顾客可在“我的兴趣”页面移除标签，被移除的标签不计入。`,
    `To protect shoppers' privacy, groups of fewer than ${n} shoppers are not shown. Each profile holds a shopper's top 5 categories and brands and the price bands with at least 25% of their activity; tags a shopper removed on their "My interests" page are not counted.`,
  )}</p>
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
  const label = (g: InterestGroup) =>
    ctx.lang === 'en' ? g.label.en || g.label.zh : g.label.zh || g.label.en;
  const kindName = (g: InterestGroup) =>
    g.kind === 'category'
      ? t('品类', 'Category')
      : g.kind === 'brand'
        ? t('品牌', 'Brand')
        : t('价格区间', 'Price band');
  const showKind = id === 'removals';
  return html`<section aria-labelledby="si-${id}" data-testid="interests-${id}">
<h2 id="si-${id}">${heading}</h2>
${
  groups.length
    ? html`<div class="table-wrap"><table>
<thead><tr>${showKind && html`<th scope="col">${t('类型', 'Kind')}</th>`}<th scope="col">${t('标签', 'Tag')}</th><th scope="col">${t('顾客数', 'Shoppers')}</th></tr></thead>
<tbody>${groups.map(
        (g) =>
          html`<tr data-testid="interest-group" data-value="${g.value}">${showKind && html`<td>${kindName(g)}</td>`}<td>${label(g)}</td><td>${g.shoppers}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('暂无可显示的分组。', 'No group to show yet.')}</p>`
}
${hidden > 0 && html`<p class="muted" data-testid="hidden-groups">${t(`另有 ${hidden} 个分组因人数过少未显示。`, `${hidden} smaller group(s) hidden.`)}</p>`}
</section>`;
}
