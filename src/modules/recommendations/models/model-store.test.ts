import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import { blendModels } from './blend-models.ts';
import { inputFromSequences } from './interaction-input.ts';
import { packSnapshot, unpackSnapshot } from './model-codec.ts';
import { loadLatestModel, pruneModelVersions, saveModel } from './model-store.ts';
import { scoreItems } from './recommender.ts';
import { trainRecommenders } from './train-recommenders.ts';

const { sql } = await createTestDatabase();

function trainedHybrid() {
  const content = Array.from({ length: 6 }, (_, i) => ({
    title: `item ${i % 2 ? 'red lipstick' : 'blue shampoo'}`,
    brandId: i % 3,
  }));
  const input = inputFromSequences(
    [
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [0, 2, 5],
      [5, 4],
    ],
    6,
    content,
  );
  const components = trainRecommenders(input).map((c) => c.model);
  expect(components.map((c) => c.kind)).toContain('content');
  return blendModels(
    components,
    components.map((_, i) => (i + 1) / 10),
  );
}

describe('model persistence', () => {
  it('packs and unpacks a snapshot byte for byte', () => {
    const snapshot = trainedHybrid().snapshot();
    const back = unpackSnapshot(packSnapshot(snapshot));
    expect(back.params).toEqual(snapshot.params);
    for (const [name, array] of Object.entries(snapshot.arrays)) expect(back.arrays[name]).toEqual(array);
  });

  it('round-trips a hybrid through PostgreSQL with identical scores', async () => {
    const model = trainedHybrid();
    const keys = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    expect(await saveModel(sql, 'hybrid-test', model, keys)).toBe(1);
    expect(await saveModel(sql, 'hybrid-test', model, keys)).toBe(2);
    const loaded = await loadLatestModel(sql, 'hybrid-test');
    expect(loaded?.version).toBe(2);
    expect(loaded?.itemKeys).toEqual(keys);
    expect(loaded?.model.kind).toBe('hybrid');
    for (const history of [{ items: [] }, { items: [0] }, { items: [1, 2] }, { items: [5, 4, 3] }]) {
      expect(scoreItems(loaded!.model, history)).toEqual(scoreItems(model, history));
    }
    expect(await pruneModelVersions(sql, 'hybrid-test', 1)).toBe(1);
    expect(await loadLatestModel(sql, 'missing')).toBeUndefined();
  });
});
