/**
 * The merchant JSON API for recommendation experiments under /admin/experiments: list, create,
 * read with results, start and stop. Merchant staff only (admins pass every check); the console
 * pages call the same use cases.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../../identity/index.ts';
import { PLACEMENTS, RECOMMENDATION_STRATEGIES } from '../../serving/get-placement.ts';
import { createExperiment } from '../create-experiment.ts';
import { EXPERIMENT_STATUSES, type Experiment, newExperimentSchema } from '../experiment.ts';
import { type ExperimentResults, experimentResults } from '../experiment-results.ts';
import { listExperiments } from '../list-experiments.ts';
import { startExperiment } from '../start-experiment.ts';
import { stopExperiment } from '../stop-experiment.ts';

const TAGS = ['admin: recommendations'];
const MERCHANT = ['merchant' as const];
const idParams = z.object({ id: z.string().min(1).max(100) });

const experimentSchema = z.object({
  id: z.string(),
  name: z.string(),
  placement: z.enum(PLACEMENTS),
  strategyA: z.enum(RECOMMENDATION_STRATEGIES),
  strategyB: z.enum(RECOMMENDATION_STRATEGIES),
  shareB: z.number().int().describe('Percent of keyed visitors shown arm b'),
  status: z.enum(EXPERIMENT_STATUSES),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
});
const interval = z.object({ lower: z.number(), upper: z.number() });
const proportion = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  rate: z.number().nullable(),
  interval: interval.describe('95 % Wilson score interval'),
});
const difference = z
  .object({ difference: z.number(), interval, excludesZero: z.boolean() })
  .nullable()
  .describe('b − a with the 95 % Newcombe hybrid score interval; null when an arm has no trials');
const arm = z.object({
  arm: z.enum(['a', 'b']),
  strategy: z.enum(RECOMMENDATION_STRATEGIES),
  label: z.string(),
  exposedShoppers: z.number().int(),
  impressions: z.number().int(),
  clicks: z.number().int(),
  clickThrough: proportion,
  addToCart: proportion,
  conversion: proportion,
});
const resultsSchema = z.object({
  experiment: experimentSchema,
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  arms: z.object({ a: arm, b: arm }),
  differences: z.object({ clickThrough: difference, addToCart: difference, conversion: difference }),
});

/** Registers the routes; the app's routes list (or the recommendations routes) calls this once. */
export async function experimentRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const sql = app.deps.sql;

  typed.get(
    '/admin/experiments',
    {
      schema: {
        tags: TAGS,
        summary: 'Recommendation experiments, newest first (at most 200)',
        response: { 200: z.object({ items: z.array(experimentSchema) }) },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      return { items: (await listExperiments(sql)).map(present) };
    },
  );

  typed.post(
    '/admin/experiments',
    {
      schema: {
        tags: TAGS,
        summary: 'Create an A/B experiment between two strategies on a placement (as a draft)',
        body: newExperimentSchema,
        response: { 201: experimentSchema },
      },
    },
    async (request, reply) => {
      requireStaff(request, MERCHANT);
      return reply.code(201).send(present(await createExperiment(sql, request.body)));
    },
  );

  typed.get(
    '/admin/experiments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'An experiment with its results per arm and the differences b − a',
        params: idParams,
        response: { 200: resultsSchema },
      },
    },
    async (request) => {
      requireStaff(request, MERCHANT);
      return presentResults(await experimentResults(sql, request.params.id));
    },
  );

  for (const [action, run, summary] of [
    ['start', startExperiment, 'Start a draft experiment (409 if another runs on its placement)'],
    ['stop', stopExperiment, 'Stop a running experiment (final: its results window closes)'],
  ] as const) {
    typed.post(
      `/admin/experiments/:id/${action}`,
      { schema: { tags: TAGS, summary, params: idParams, response: { 200: experimentSchema } } },
      async (request) => {
        requireStaff(request, MERCHANT);
        return present(await run(sql, request.params.id));
      },
    );
  }
}

function present(e: Experiment) {
  return {
    ...e,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    stoppedAt: e.stoppedAt?.toISOString() ?? null,
  };
}

function presentResults(r: ExperimentResults) {
  const window = r.window ? { from: r.window.from.toISOString(), to: r.window.to.toISOString() } : null;
  return { ...r, experiment: present(r.experiment), window };
}
