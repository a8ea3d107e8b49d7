/**
 * Recommendation experiments for merchants: the list with a create form, and one experiment's
 * results per arm (exposed shoppers, impressions, clicks, click-through, add-to-cart after a click,
 * conversion, each with its 95 % interval, and the difference b − a) with start and stop buttons.
 * Every change is a recommendations use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../app/errors.ts';
import { requireStaff } from '../../modules/identity/index.ts';
import {
  type ArmResults,
  createExperiment,
  type Difference,
  EXPERIMENT_STRATEGIES,
  type Experiment,
  type ExperimentResults,
  type ExperimentStatus,
  experimentResults,
  listExperiments,
  type NewExperimentInput,
  PLACEMENTS,
  type Proportion,
  startExperiment,
  stopExperiment,
} from '../../modules/recommendations/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { type AdminContext, adminContext } from './admin-context.ts';
import { csrfField, dateTime, describeError, errorStatus, field } from './admin-forms.ts';
import { adminPage, sendPage } from './admin-layout.ts';

const TAGS = ['admin console'];
/** Experiments change what shoppers see: merchants (and admins) only, not support agents. */
const ROLES = ['merchant'] as const;
const BASE = '/admin/console/experiments';
const idParams = z.object({ id: z.string().min(1).max(100) });
const doneQuery = z.object({ done: z.string().max(40).optional() });
const formBody = z.record(z.string(), z.unknown());

/** Flash messages by code (the code travels in the redirect's query, so no text is injectable). */
const FLASHES: Record<string, [string, string]> = {
  created: ['实验已创建（草稿）。', 'Experiment created as a draft.'],
  started: ['实验已开始。', 'Experiment started.'],
  stopped: ['实验已停止。', 'Experiment stopped.'],
};

/** What the create form posted, kept to re-render it after an error. */
interface FormState {
  name: string;
  placement: string;
  strategyA: string;
  strategyB: string;
  shareB: string;
}

const EMPTY_FORM: FormState = {
  name: '',
  placement: PLACEMENTS[0],
  strategyA: 'hybrid',
  strategyB: 'popular',
  shareB: '50',
};

export async function experimentPages(app: FastifyInstance) {
  app.get(
    BASE,
    {
      schema: { hide: true, tags: TAGS, summary: 'Recommendation experiments page', querystring: doneQuery },
    },
    async (request, reply) => {
      requireStaff(request, [...ROLES]);
      return sendList(request, reply, EMPTY_FORM);
    },
  );

  app.post(
    BASE,
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Create a recommendation experiment (form)',
        body: formBody,
      },
    },
    async (request, reply) => {
      requireStaff(request, [...ROLES]);
      const state = formStateFrom(request.body as Record<string, unknown>);
      let id: string;
      try {
        ({ id } = await createExperiment(request.server.deps.sql, inputFrom(state)));
      } catch (error) {
        return sendList(request, reply, state, error);
      }
      return redirectDone(reply, `${BASE}/${id}`, 'created');
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        hide: true,
        tags: TAGS,
        summary: 'Recommendation experiment results page',
        params: idParams,
        querystring: doneQuery,
      },
    },
    async (request, reply) => {
      requireStaff(request, [...ROLES]);
      const { id } = request.params as z.infer<typeof idParams>;
      const results = await experimentResults(request.server.deps.sql, id);
      return sendDetail(request, reply, results);
    },
  );

  for (const [action, run] of [
    ['start', startExperiment],
    ['stop', stopExperiment],
  ] as const) {
    app.post(
      `${BASE}/:id/${action}`,
      {
        schema: {
          hide: true,
          tags: TAGS,
          summary: `${action} a recommendation experiment (form)`,
          params: idParams,
          body: formBody,
        },
      },
      async (request, reply) => {
        requireStaff(request, [...ROLES]);
        const db = request.server.deps.sql;
        const { id } = request.params as z.infer<typeof idParams>;
        try {
          await run(db, id);
        } catch (error) {
          // An unknown id is a 404 page; a refused transition shows on the experiment's page.
          if (!(error instanceof DomainError) || error.status === 404) throw error;
          return sendDetail(request, reply, await experimentResults(db, id), error);
        }
        return redirectDone(reply, `${BASE}/${id}`, action === 'start' ? 'started' : 'stopped');
      },
    );
  }
}

function formStateFrom(body: Record<string, unknown>): FormState {
  return {
    name: field(body, 'name'),
    placement: field(body, 'placement'),
    strategyA: field(body, 'strategyA'),
    strategyB: field(body, 'strategyB'),
    shareB: field(body, 'shareB'),
  };
}

/** The form's texts as the use case's input; it validates them (a non-number share fails there). */
function inputFrom(state: FormState): NewExperimentInput {
  const share =
    state.shareB === '' ? undefined : /^\d{1,3}$/.test(state.shareB) ? Number(state.shareB) : state.shareB;
  return { ...state, shareB: share } as NewExperimentInput;
}

function redirectDone(reply: FastifyReply, path: string, flash: keyof typeof FLASHES & string) {
  return reply.header('cache-control', 'private, no-store').redirect(`${path}?done=${flash}`, 303);
}

function flashOf(ctx: AdminContext, request: FastifyRequest): string | null {
  const pair = FLASHES[(request.query as z.infer<typeof doneQuery>).done ?? ''];
  return pair ? ctx.t(pair[0], pair[1]) : null;
}

async function sendList(request: FastifyRequest, reply: FastifyReply, state: FormState, error?: unknown) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const experiments = await listExperiments(request.server.deps.sql);
  const main = html`${experimentsTable(ctx, experiments)}
<section class="panel" aria-labelledby="new-h"><h2 id="new-h">${t('新建实验', 'New experiment')}</h2>
<p class="muted">${t(
    '每位有访客标识的访客按其标识固定分到 A 组或 B 组；没有标识的访客看到默认策略，不计入结果。',
    'Each visitor with a visitor key stays in arm A or B by that key; visitors without one see the default strategy and are not counted.',
  )}</p>
<form class="stack" method="post" action="${BASE}">${csrfField(ctx)}
  <label>${t('名称', 'Name')} <input name="name" required maxlength="100" value="${state.name}"></label>
  <div class="grid2">
  <label>${t('推荐位', 'Placement')} <select name="placement" required>${PLACEMENTS.map((p) => option(p, p, state.placement))}</select></label>
  <label>${t('B 组流量占比（%）', 'Share of traffic to B (%)')} <input name="shareB" type="number" min="1" max="99" step="1" required value="${state.shareB}"></label>
  <label>${t('A 组策略', 'Arm A strategy')} <select name="strategyA" required>${EXPERIMENT_STRATEGIES.map((s) => option(s, strategyLabel(ctx, s), state.strategyA))}</select></label>
  <label>${t('B 组策略', 'Arm B strategy')} <select name="strategyB" required>${EXPERIMENT_STRATEGIES.map((s) => option(s, strategyLabel(ctx, s), state.strategyB))}</select></label>
  </div>
  <div><button type="submit">${t('创建草稿', 'Create draft')}</button></div>
</form></section>`;
  const errors = error ? describeError(ctx, error) : undefined;
  const page = adminPage(ctx, {
    title: t('推荐实验', 'Recommendation experiments'),
    main,
    errors,
    flash: flashOf(ctx, request),
  });
  return sendPage(reply, page, error ? errorStatus(error) : 200);
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function experimentsTable(ctx: AdminContext, experiments: Experiment[]): SafeHtml {
  const { t } = ctx;
  if (experiments.length === 0) return html`<p class="muted">${t('还没有实验。', 'No experiments yet.')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('名称', 'Name')}</th><th scope="col">${t('推荐位', 'Placement')}</th><th scope="col">A</th><th scope="col">B</th><th scope="col" class="num">${t('B 占比', 'Share to B')}</th><th scope="col">${t('状态', 'Status')}</th><th scope="col">${t('开始', 'Started')}</th><th scope="col">${t('停止', 'Stopped')}</th></tr></thead>
<tbody>${experiments.map(
    (e) =>
      html`<tr><td><a href="${BASE}/${e.id}">${e.name}</a></td><td>${e.placement}</td><td>${strategyLabel(ctx, e.strategyA)}</td><td>${strategyLabel(ctx, e.strategyB)}</td><td class="num">${e.shareB}%</td><td><span class="badge">${statusLabel(ctx, e.status)}</span></td><td>${dateTime(ctx, e.startedAt)}</td><td>${dateTime(ctx, e.stoppedAt)}</td></tr>`,
  )}</tbody></table></div>`;
}

function statusLabel(ctx: AdminContext, status: ExperimentStatus): string {
  if (status === 'running') return ctx.t('进行中', 'Running');
  if (status === 'stopped') return ctx.t('已停止', 'Stopped');
  return ctx.t('草稿', 'Draft');
}

function strategyLabel(ctx: AdminContext, strategy: string): string {
  const labels: Record<string, [string, string]> = {
    hybrid: ['混合模型', 'Hybrid'],
    popular: ['热门', 'Popular'],
    collaborative: ['协同过滤', 'Collaborative'],
    content: ['内容相似', 'Content'],
  };
  const pair = labels[strategy];
  return pair ? `${ctx.t(pair[0], pair[1])} (${strategy})` : strategy;
}

async function sendDetail(
  request: FastifyRequest,
  reply: FastifyReply,
  results: ExperimentResults,
  error?: unknown,
) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const e = results.experiment;
  const base = `${BASE}/${e.id}`;
  const main = html`<p><span class="badge">${statusLabel(ctx, e.status)}</span> · ${t('推荐位', 'Placement')} <code>${e.placement}</code>
  · ${t('B 组流量', 'Traffic to B')} ${e.shareB}% · <a href="${BASE}">${t('所有实验', 'All experiments')}</a></p>
<div class="actions">
  ${e.status === 'draft' && html`<form method="post" action="${base}/start">${csrfField(ctx)}<button type="submit">${t('开始实验', 'Start experiment')}</button></form>`}
  ${e.status === 'running' && html`<form method="post" action="${base}/stop" data-confirm="${t('停止后无法重新开始，确定吗？', 'A stopped experiment cannot be restarted. Continue?')}">${csrfField(ctx)}<button type="submit" class="danger">${t('停止实验', 'Stop experiment')}</button></form>`}
</div>
<div class="cards">
  <div class="card"><div class="label">${t('创建', 'Created')}</div><div>${dateTime(ctx, e.createdAt)}</div></div>
  <div class="card"><div class="label">${t('开始', 'Started')}</div><div>${dateTime(ctx, e.startedAt) || '—'}</div></div>
  <div class="card"><div class="label">${t('停止', 'Stopped')}</div><div>${dateTime(ctx, e.stoppedAt) || '—'}</div></div>
</div>
<section aria-labelledby="results-h"><h2 id="results-h">${t('结果', 'Results')}</h2>
${results.window ? resultsTable(ctx, results) : html`<p class="muted">${t('实验开始后才会有结果。', 'Results appear once the experiment starts.')}</p>`}
<p class="muted">${t(
    '方括号内为 95% 置信区间：比率用 Wilson 区间，B − A 的差用 Newcombe 混合得分区间（百分点）。区间不含 0 时标记为显著。点击率以曝光次数为分母（同一访客的多次曝光并不独立，区间会偏窄）；加购率为点击后 24 小时内加购同一商品的点击商品占比；转化率为首次曝光后下单的访客占比。仅统计实验期间、同意分析的访客。',
    'Brackets hold 95 % intervals: Wilson for each rate, Newcombe’s hybrid score interval for the difference B − A (in percentage points); a difference whose interval excludes 0 is marked significant. Click-through counts impressions as trials (impressions of one visitor are not independent, so its interval is somewhat narrow); add-to-cart is the share of clicked products the visitor added to the cart within 24 h of a click; conversion is the share of exposed visitors who bought after their first exposure. Only events within the experiment’s window from visitors who allow analytics count.',
  )}</p></section>`;
  const errors = error ? describeError(ctx, error) : undefined;
  const page = adminPage(ctx, {
    title: `${t('推荐实验', 'Experiment')}: ${e.name}`,
    main,
    errors,
    flash: error ? null : flashOf(ctx, request),
  });
  return sendPage(reply, page, error ? errorStatus(error) : 200);
}

function resultsTable(ctx: AdminContext, results: ExperimentResults): SafeHtml {
  const { t } = ctx;
  const { a, b } = results.arms;
  const d = results.differences;
  return html`<div class="table-wrap"><table class="experiment-results">
<thead><tr><th scope="col">${t('组', 'Arm')}</th><th scope="col" class="num">${t('曝光访客', 'Exposed shoppers')}</th><th scope="col" class="num">${t('曝光', 'Impressions')}</th><th scope="col" class="num">${t('点击', 'Clicks')}</th><th scope="col" class="num">${t('点击率', 'Click-through')}</th><th scope="col" class="num">${t('点击后加购', 'Add to cart after click')}</th><th scope="col" class="num">${t('转化率', 'Conversion')}</th></tr></thead>
<tbody>${armRow(ctx, a)}${armRow(ctx, b)}
<tr><th scope="row">B − A</th><td></td><td></td><td></td><td class="num">${difference(ctx, d.clickThrough)}</td><td class="num">${difference(ctx, d.addToCart)}</td><td class="num">${difference(ctx, d.conversion)}</td></tr>
</tbody></table></div>`;
}

function armRow(ctx: AdminContext, arm: ArmResults): SafeHtml {
  return html`<tr data-arm="${arm.arm}"><th scope="row">${arm.arm.toUpperCase()} · ${strategyLabel(ctx, arm.strategy)}</th>
<td class="num">${arm.exposedShoppers}</td><td class="num">${arm.impressions}</td><td class="num">${arm.clicks}</td>
<td class="num">${rate(arm.clickThrough)}</td><td class="num">${rate(arm.addToCart)}</td><td class="num">${rate(arm.conversion)}</td></tr>`;
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const points = (value: number) => `${value > 0 ? '+' : ''}${(value * 100).toFixed(1)}`;

function rate(p: Proportion): string {
  if (p.rate === null) return '—';
  return `${percent(p.rate)} [${percent(p.interval.lower)}, ${percent(p.interval.upper)}] (${Math.min(p.successes, p.trials)}/${p.trials})`;
}

function difference(ctx: AdminContext, d: Difference | null): SafeHtml | string {
  if (!d) return '—';
  const text = `${points(d.difference)} [${points(d.interval.lower)}, ${points(d.interval.upper)}] ${ctx.t('个百分点', 'pp')}`;
  return d.excludesZero
    ? html`<strong>${text}</strong> <span class="badge">${ctx.t('显著', 'significant')}</span>`
    : html`${text} <span class="muted">${ctx.t('不显著', 'not significant')}</span>`;
}
