/**
 * An A/B test of two recommendation strategies on one placement: its shape, the validated input
 * that creates one, and the label its arms' impressions and clicks are recorded under.
 */
import { z } from 'zod';
import type { Db } from '../../../app/database.ts';
import { DomainError, notFound } from '../../../app/errors.ts';
import { fieldIssuesFromZod } from '../../../app/field-issues.ts';
import {
  PLACEMENTS,
  type Placement,
  RECOMMENDATION_STRATEGIES,
  type RecommendationStrategy,
} from '../serving/get-placement.ts';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export type ExperimentArm = 'a' | 'b';

/** The strategies an arm may use: every strategy the engine serves. */
export const EXPERIMENT_STRATEGIES: readonly RecommendationStrategy[] = RECOMMENDATION_STRATEGIES;

/** One experiment; `shareB` is the percent of keyed visitors shown arm b. */
export interface Experiment {
  id: string;
  name: string;
  placement: Placement;
  strategyA: RecommendationStrategy;
  strategyB: RecommendationStrategy;
  shareB: number;
  status: ExperimentStatus;
  createdAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
}

/** What a merchant sends to create an experiment (a draft until started). */
export const newExperimentSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    placement: z.enum(PLACEMENTS),
    strategyA: z.enum(RECOMMENDATION_STRATEGIES),
    strategyB: z.enum(RECOMMENDATION_STRATEGIES),
    shareB: z.number().int().min(1).max(99).default(50),
  })
  .refine((e) => e.strategyA !== e.strategyB, {
    path: ['strategyB'],
    message: 'must differ from arm a’s strategy',
    params: { code: 'same_as_arm_a' },
  });
export type NewExperimentInput = z.input<typeof newExperimentSchema>;
export type NewExperiment = z.output<typeof newExperimentSchema>;

/** Parses `input`, or throws `validation_failed` (400) naming each wrong field. */
export function parseNewExperiment(input: unknown): NewExperiment {
  const parsed = newExperimentSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssuesFromZod(parsed.error.issues, 'body');
  const detail = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  throw new DomainError('validation_failed', 400, detail, { issues });
}

/** The strategy label of an arm: what the storefront writes into `data-rec-strategy`. */
export function armLabel(experimentId: string, arm: ExperimentArm): string {
  return `${experimentId}.${arm}`;
}

/** A `recommendation_experiments` row as the driver returns it. */
export interface ExperimentRow {
  id: string;
  name: string;
  placement: string;
  strategy_a: string;
  strategy_b: string;
  share_b: number;
  status: string;
  created_at: Date;
  started_at: Date | null;
  stopped_at: Date | null;
}

/** Maps a `recommendation_experiments` row. */
export function experimentFromRow(row: ExperimentRow): Experiment {
  return {
    id: row.id,
    name: row.name,
    placement: row.placement as Placement,
    strategyA: row.strategy_a as RecommendationStrategy,
    strategyB: row.strategy_b as RecommendationStrategy,
    shareB: row.share_b,
    status: row.status as ExperimentStatus,
    createdAt: row.created_at,
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
  };
}

/** Reads one experiment (locking it with `forUpdate`), or throws `experiment_not_found` (404). */
export async function loadExperiment(db: Db, id: string, forUpdate = false): Promise<Experiment> {
  const rows = forUpdate
    ? await db<ExperimentRow[]>`select * from recommendation_experiments where id = ${id} for update`
    : await db<ExperimentRow[]>`select * from recommendation_experiments where id = ${id}`;
  if (!rows[0]) throw notFound('experiment');
  return experimentFromRow(rows[0]);
}

/** Every running experiment, for the assignment cache. */
export async function loadRunningExperiments(db: Db): Promise<Experiment[]> {
  const rows = await db<ExperimentRow[]>`
    select * from recommendation_experiments where status = 'running' order by placement`;
  return rows.map(experimentFromRow);
}

/** Newest first, capped (a shop runs a handful of experiments, not thousands). */
export async function listExperimentRows(db: Db, limit: number): Promise<Experiment[]> {
  const rows = await db<ExperimentRow[]>`
    select * from recommendation_experiments order by created_at desc, id limit ${limit}`;
  return rows.map(experimentFromRow);
}
