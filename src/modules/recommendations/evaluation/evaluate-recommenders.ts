/**
 * Offline evaluation by leave-one-out: each user's last event is the test target and the
 * second-last the validation target. Components are trained without the validation and test
 * events to tune the hybrid's weights on validation targets, then retrained without the test
 * events only and scored on test targets. All items are ranked, excluding the user's own history.
 */
import { blendModels } from '../models/blend-models.ts';
import { dropLastEvents, type InteractionInput, userCount } from '../models/interaction-input.ts';
import type { Recommender } from '../models/recommender.ts';
import {
  type RecommenderParams,
  type TrainedComponent,
  trainRecommenders,
} from '../models/train-recommenders.ts';
import { type TuningCase, tuneHybridWeights } from '../models/tune-hybrid-weights.ts';
import { RankingMetrics, rankOfTarget } from './ranking-metrics.ts';

/** Evaluation options. */
export interface EvaluationOptions {
  ks: number[];
  /** Validation users used to tune the hybrid (an even spread over all users). */
  tuningUsers: number;
  params?: RecommenderParams;
  /** Also score every component on validation targets (for tuning params without the test set). */
  validationFigures?: boolean;
  log?: (line: string) => void;
}

/** One model's figures: HR and NDCG for each K, and its training time on the final split. */
export interface ModelFigures {
  model: string;
  hitRates: number[];
  ndcgs: number[];
  trainingMs: number;
}

/** The whole evaluation. */
export interface EvaluationReport {
  ks: number[];
  users: number;
  items: number;
  interactions: number;
  testCases: number;
  test: ModelFigures[];
  validation: ModelFigures[];
  weights: Record<string, number>;
  validationNdcg: number;
  /** Training on the validation split + tuning + training on the test split. */
  trainingMs: { validationSplit: number; tuning: number; testSplit: number; total: number };
}

/** Runs the leave-one-out evaluation on a chronological input. */
export function evaluateRecommenders(full: InteractionInput, options: EvaluationOptions): EvaluationReport {
  const log = options.log ?? (() => {});
  const validationComponents = trainRecommenders(dropLastEvents(full, 2), options.params);
  const validationSplitMs = sumMs(validationComponents);
  log(
    `trained ${validationComponents.length} models on the validation split in ${Math.round(validationSplitMs)} ms`,
  );
  const validationCases = heldOutCases(full, 2);
  const tuningStarted = performance.now();
  const step = Math.max(1, Math.floor(validationCases.length / options.tuningUsers));
  const tuningCases = validationCases.filter((_, at) => at % step === 0);
  const tuned = tuneHybridWeights(
    validationComponents.map((c) => c.model),
    tuningCases,
  );
  const tuningMs = performance.now() - tuningStarted;
  log(`tuned hybrid weights on ${tuningCases.length} validation targets in ${Math.round(tuningMs)} ms`);
  const validation = options.validationFigures
    ? [
        ...validationComponents,
        {
          model: blendModels(
            validationComponents.map((c) => c.model),
            tuned.weights,
          ),
          trainingMs: 0,
        },
      ].map((c) => figures(c, validationCases, options.ks))
    : [];
  const testComponents = trainRecommenders(dropLastEvents(full, 1), options.params);
  const hybridStarted = performance.now();
  const hybrid = blendModels(
    testComponents.map((c) => c.model),
    tuned.weights,
  );
  const testSplitMs = sumMs(testComponents) + (performance.now() - hybridStarted);
  log(`trained on the test split in ${Math.round(testSplitMs)} ms`);
  const testCases = heldOutCases(full, 1);
  const test = [...testComponents, { model: hybrid, trainingMs: sumMs(testComponents) }].map((c) =>
    figures(c, testCases, options.ks),
  );
  return {
    ks: options.ks,
    users: userCount(full),
    items: full.itemCount,
    interactions: full.items.length,
    testCases: testCases.length,
    test,
    validation,
    weights: Object.fromEntries(testComponents.map((c, i) => [c.model.kind, tuned.weights[i]!])),
    validationNdcg: tuned.ndcg,
    trainingMs: {
      validationSplit: validationSplitMs,
      tuning: tuningMs,
      testSplit: testSplitMs,
      total: validationSplitMs + tuningMs + testSplitMs,
    },
  };
}

/**
 * For every user with enough events: history = all events before the held-out one, target = the
 * event `fromEnd` places from the end (1 = last). The history is a view of the full input.
 */
export function heldOutCases(full: InteractionInput, fromEnd: number): TuningCase[] {
  const cases: TuningCase[] = [];
  for (let u = 0; u < userCount(full); u++) {
    const start = full.userOffsets[u]!;
    const target = full.userOffsets[u + 1]! - fromEnd;
    if (target - start < 1) continue;
    cases.push({
      target: full.items[target]!,
      history: {
        items: full.items.subarray(start, target),
        times: full.times?.subarray(start, target),
        weights: full.weights?.subarray(start, target),
      },
    });
  }
  return cases;
}

/** Ranks every case's target among all items, excluding the history's items. */
export function evaluateModel(
  model: Recommender,
  cases: readonly TuningCase[],
  ks: readonly number[],
): RankingMetrics {
  const metrics = new RankingMetrics(ks);
  const scores = new Float32Array(model.itemCount);
  for (const c of cases) {
    model.scoreInto(c.history, scores);
    for (let h = 0; h < c.history.items.length; h++) scores[c.history.items[h]!] = Number.NEGATIVE_INFINITY;
    metrics.add(rankOfTarget(scores, c.target));
  }
  return metrics;
}

function figures(
  component: TrainedComponent,
  cases: readonly TuningCase[],
  ks: readonly number[],
): ModelFigures {
  const metrics = evaluateModel(component.model, cases, ks);
  return {
    model: component.model.kind,
    hitRates: metrics.hitRates(),
    ndcgs: metrics.ndcgs(),
    trainingMs: component.trainingMs,
  };
}

function sumMs(components: readonly TrainedComponent[]): number {
  return components.reduce((sum, c) => sum + c.trainingMs, 0);
}
