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
import { isMessageKey, type MessageKey } from '../i18n/index.ts';
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
const FLASHES: Record<string, MessageKey> = {
  created: 'admin.experiments.flash.created',
  started: 'admin.experiments.flash.started',
  stopped: 'admin.experiments.flash.stopped',
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
  const key = FLASHES[(request.query as z.infer<typeof doneQuery>).done ?? ''];
  return key ? ctx.t(key) : null;
}

async function sendList(request: FastifyRequest, reply: FastifyReply, state: FormState, error?: unknown) {
  const ctx = adminContext(request);
  const { t } = ctx;
  const experiments = await listExperiments(request.server.deps.sql);
  const main = html`${experimentsTable(ctx, experiments)}
<section class="panel" aria-labelledby="new-h"><h2 id="new-h">${t('admin.experiments.newExperiment')}</h2>
<p class="muted">${t('admin.experiments.eachVisitorWithAVisitor')}</p>
<form class="stack" method="post" action="${BASE}">${csrfField(ctx)}
  <label>${t('admin.experiments.name')} <input name="name" required maxlength="100" value="${state.name}"></label>
  <div class="grid2">
  <label>${t('admin.experiments.placement')} <select name="placement" required>${PLACEMENTS.map((p) => option(p, p, state.placement))}</select></label>
  <label>${t('admin.experiments.shareOfTrafficToB')} <input name="shareB" type="number" min="1" max="99" step="1" required value="${state.shareB}"></label>
  <label>${t('admin.experiments.armAStrategy')} <select name="strategyA" required>${EXPERIMENT_STRATEGIES.map((s) => option(s, strategyLabel(ctx, s), state.strategyA))}</select></label>
  <label>${t('admin.experiments.armBStrategy')} <select name="strategyB" required>${EXPERIMENT_STRATEGIES.map((s) => option(s, strategyLabel(ctx, s), state.strategyB))}</select></label>
  </div>
  <div><button type="submit">${t('admin.experiments.createDraft')}</button></div>
</form></section>`;
  const errors = error ? describeError(ctx, error) : undefined;
  const page = adminPage(ctx, {
    title: t('admin.experiments.recommendationExperiments'),
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
  if (experiments.length === 0) return html`<p class="muted">${t('admin.experiments.noExperimentsYet')}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('admin.experiments.name')}</th><th scope="col">${t('admin.experiments.placement')}</th><th scope="col">A</th><th scope="col">B</th><th scope="col" class="num">${t('admin.experiments.shareToB')}</th><th scope="col">${t('admin.common.status')}</th><th scope="col">${t('admin.experiments.startedAt')}</th><th scope="col">${t('admin.experiments.stoppedAt')}</th></tr></thead>
<tbody>${experiments.map(
    (e) =>
      html`<tr><td><a href="${BASE}/${e.id}">${e.name}</a></td><td>${e.placement}</td><td>${strategyLabel(ctx, e.strategyA)}</td><td>${strategyLabel(ctx, e.strategyB)}</td><td class="num">${e.shareB}%</td><td><span class="badge">${statusLabel(ctx, e.status)}</span></td><td>${dateTime(ctx, e.startedAt)}</td><td>${dateTime(ctx, e.stoppedAt)}</td></tr>`,
  )}</tbody></table></div>`;
}

function statusLabel(ctx: AdminContext, status: ExperimentStatus): string {
  if (status === 'running') return ctx.t('admin.experiments.statusRunning');
  if (status === 'stopped') return ctx.t('admin.experiments.statusStopped');
  return ctx.t('admin.common.statusDraft');
}

/** A strategy's name with its code, e.g. "混合模型 (hybrid)"; an unknown code shows as itself. */
function strategyLabel(ctx: AdminContext, strategy: string): string {
  const key = `admin.experiments.strategy.${strategy}`;
  return isMessageKey(key) ? `${ctx.t(key)} (${strategy})` : strategy;
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
  const main = html`<p><span class="badge">${statusLabel(ctx, e.status)}</span> · ${t('admin.experiments.placement')} <code>${e.placement}</code>
  · ${t('admin.experiments.trafficToB')} ${e.shareB}% · <a href="${BASE}">${t('admin.experiments.allExperiments')}</a></p>
<div class="actions">
  ${e.status === 'draft' && html`<form method="post" action="${base}/start">${csrfField(ctx)}<button type="submit">${t('admin.experiments.startExperiment')}</button></form>`}
  ${e.status === 'running' && html`<form method="post" action="${base}/stop" data-confirm="${t('admin.experiments.aStoppedExperimentCannotBe')}">${csrfField(ctx)}<button type="submit" class="danger">${t('admin.experiments.stopExperiment')}</button></form>`}
</div>
<div class="cards">
  <div class="card"><div class="label">${t('admin.experiments.createdAt')}</div><div>${dateTime(ctx, e.createdAt)}</div></div>
  <div class="card"><div class="label">${t('admin.experiments.startedAt')}</div><div>${dateTime(ctx, e.startedAt) || '—'}</div></div>
  <div class="card"><div class="label">${t('admin.experiments.stoppedAt')}</div><div>${dateTime(ctx, e.stoppedAt) || '—'}</div></div>
</div>
<section aria-labelledby="results-h"><h2 id="results-h">${t('admin.experiments.results')}</h2>
${results.window ? resultsTable(ctx, results) : html`<p class="muted">${t('admin.experiments.resultsAppearOnceTheExperiment')}</p>`}
<p class="muted">${t('admin.experiments.bracketsHold95IntervalsWilson')}</p></section>`;
  const errors = error ? describeError(ctx, error) : undefined;
  const page = adminPage(ctx, {
    title: `${t('admin.experiments.experiment')}: ${e.name}`,
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
<thead><tr><th scope="col">${t('admin.experiments.arm')}</th><th scope="col" class="num">${t('admin.experiments.exposedShoppers')}</th><th scope="col" class="num">${t('admin.experiments.impressions')}</th><th scope="col" class="num">${t('admin.experiments.clicks')}</th><th scope="col" class="num">${t('admin.experiments.clickThrough')}</th><th scope="col" class="num">${t('admin.experiments.addToCartAfterClick')}</th><th scope="col" class="num">${t('admin.experiments.conversion')}</th></tr></thead>
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
  const text = `${points(d.difference)} [${points(d.interval.lower)}, ${points(d.interval.upper)}] ${ctx.t('admin.experiments.pp')}`;
  return d.excludesZero
    ? html`<strong>${text}</strong> <span class="badge">${ctx.t('admin.experiments.significant')}</span>`
    : html`${text} <span class="muted">${ctx.t('admin.experiments.notSignificant')}</span>`;
}
