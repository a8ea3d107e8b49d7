/** Placements served over HTTP inside an A/B experiment: each visitor gets their arm's strategy and label. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import {
  armFor,
  createExperiment,
  newShopperKey,
  SHOPPER_KEY_COOKIE,
  startExperiment,
  stopExperiment,
  trainRecommendationModels,
} from '../index.ts';

const { app, sql } = await createTestApp();

beforeAll(async () => {
  await trainRecommendationModels(sql, { force: true });
});

afterAll(async () => {
  await app.close();
});

/** A fresh visitor key that falls into `arm` of the experiment. */
function keyInArm(experimentId: string, arm: 'a' | 'b'): string {
  for (;;) {
    const key = newShopperKey();
    if (armFor(experimentId, key, 50) === arm) return key;
  }
}

describe('servePlacement inside an experiment', () => {
  it('serves each arm its strategy under the arm label, and the plain strategy after the stop', async () => {
    const experiment = await createExperiment(sql, {
      name: 'Similar: content vs popular',
      placement: 'product_similar',
      strategyA: 'content',
      strategyB: 'popular',
    });
    await startExperiment(sql, experiment.id);
    const [product] = await sql<{ id: string }[]>`
      select id from products where status = 'published' order by sales_count desc, id limit 1`;
    const url = `/store/recommendations?placement=product_similar&product_id=${product!.id}&locale=en`;
    const ask = async (key?: string) =>
      (await app.inject({ url, cookies: key ? { [SHOPPER_KEY_COOKIE]: key } : {} })).json();

    const a = await ask(keyInArm(experiment.id, 'a'));
    const b = await ask(keyInArm(experiment.id, 'b'));
    expect(a).toMatchObject({
      strategy: 'content',
      label: `${experiment.id}.a`,
      experimentId: experiment.id,
    });
    expect(b).toMatchObject({
      strategy: 'popular',
      label: `${experiment.id}.b`,
      experimentId: experiment.id,
    });
    expect(b.items.every((i: { reason: { code: string } }) => i.reason.code === 'popular')).toBe(true);
    expect(a.items.some((i: { reason: { code: string } }) => i.reason.code === 'similar')).toBe(true);
    // A visitor without a key is not in the experiment: the default strategy, not counted.
    expect(await ask()).toMatchObject({ strategy: 'hybrid', label: 'hybrid', experimentId: null });

    await stopExperiment(sql, experiment.id);
    expect(await ask(keyInArm(experiment.id, 'b'))).toMatchObject({ strategy: 'hybrid', experimentId: null });
  });
});
