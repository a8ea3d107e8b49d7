import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import {
  DEFAULT_WEIGHTS,
  HYBRID_MODEL,
  trainRecommendationModels,
} from '../serving/train-recommendation-models.ts';
import { inputFromSequences } from './interaction-input.ts';
import { loadLatestModel } from './model-store.ts';
import { trainRecommenders } from './train-recommenders.ts';
import { holdOutLastNewItems, tuneWeightsOnEvents } from './tune-weights-on-events.ts';

const train = (input: Parameters<typeof trainRecommenders>[0]) =>
  trainRecommenders(input).map((c) => c.model);

/** Users walking a chain of items (i, i+1, i+2, …): the next item is what they choose. */
function chains(users: number, length: number, items: number) {
  return Array.from({ length: users }, (_, u) =>
    Array.from({ length }, (__, step) => (u * 7 + step) % items),
  );
}

describe('holdOutLastNewItems', () => {
  it("holds out each shopper's last new item and trains on what came before", () => {
    const input = inputFromSequences(
      [
        [0, 1, 2, 1],
        [3, 4],
        [5, 5, 5],
      ],
      6,
    );
    const { training, cases } = holdOutLastNewItems(input, 3);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.target).toBe(2);
    expect(Array.from(cases[0]!.history.items)).toEqual([0, 1]);
    // user 0 keeps the events before the target; the others keep everything
    expect(Array.from(training.items)).toEqual([0, 1, 3, 4, 5, 5, 5]);
    expect(Array.from(training.userOffsets)).toEqual([0, 2, 4, 7]);
  });
});

describe('tuneWeightsOnEvents', () => {
  it('keeps the defaults with fewer than 50 eligible shoppers', () => {
    const tuning = tuneWeightsOnEvents(inputFromSequences(chains(49, 5, 40), 40), train, DEFAULT_WEIGHTS);
    expect(tuning).toMatchObject({ status: 'too_few_shoppers', eligibleShoppers: 49, cases: 0 });
    expect(tuning.weights).toBeUndefined();
  });

  it('tunes weights that do at least as well as the defaults on the held-out items', () => {
    const tuning = tuneWeightsOnEvents(inputFromSequences(chains(120, 6, 40), 40), train, DEFAULT_WEIGHTS);
    expect(tuning.status).toBe('tuned');
    expect(tuning.cases).toBe(120);
    expect(Object.keys(tuning.weights!).sort()).toEqual(
      ['association-rules', 'item-knn', 'popularity', 'transitions', 'trending'].sort(),
    );
    expect(tuning.tuned!.ndcg).toBeGreaterThan(0.3);
    expect(tuning.tuned!.ndcg).toBeGreaterThanOrEqual(tuning.defaults!.ndcg);
  });

  it('gives up within its budget rather than tuning for too long', () => {
    const tuning = tuneWeightsOnEvents(inputFromSequences(chains(120, 6, 40), 40), train, DEFAULT_WEIGHTS, {
      budgetMs: 0,
    });
    expect(tuning.status).toBe('over_budget');
    expect(tuning.weights).toBeUndefined();
  });
});

describe('training the hybrid on the shop’s own events', () => {
  it('tunes on the demo history and records the weights and figures in the stored model', async () => {
    const { sql } = await createTestDatabase();
    const result = await trainRecommendationModels(sql, { force: true });
    expect(result.tuning).toMatchObject({ status: 'tuned', k: 10 });
    expect(result.tuning!.eligibleShoppers).toBeGreaterThanOrEqual(250);
    expect(result.tuning!.tuned!.ndcg).toBeGreaterThanOrEqual(result.tuning!.defaults!.ndcg);

    const [row] = await sql<
      { params: { weights: number[]; tuning: unknown; components: { kind: string }[] } }[]
    >`
      select params from recommendation_models where name = ${HYBRID_MODEL} order by version desc limit 1`;
    expect(row!.params.tuning).toEqual(result.tuning);
    expect(row!.params.weights).toEqual(row!.params.components.map((c) => result.tuning!.weights![c.kind]));
    const stored = await loadLatestModel(sql, HYBRID_MODEL);
    expect(stored!.model.kind).toBe('hybrid');
  });

  it('keeps the default weights when few shoppers have enough events', async () => {
    const { sql } = await createTestDatabase();
    await sql`delete from behaviour_events where shopper_key not in (
      select key from shopper_keys order by key limit 20)`;
    const result = await trainRecommendationModels(sql, { force: true });
    expect(result.tuning).toMatchObject({ status: 'too_few_shoppers' });
    expect(result.tuning!.eligibleShoppers).toBeLessThanOrEqual(20);
    const [row] = await sql<{ params: { weights: number[]; components: { kind: string }[] } }[]>`
      select params from recommendation_models where name = ${HYBRID_MODEL} order by version desc limit 1`;
    expect(row!.params.weights).toEqual(row!.params.components.map((c) => DEFAULT_WEIGHTS[c.kind]));
  });
});
