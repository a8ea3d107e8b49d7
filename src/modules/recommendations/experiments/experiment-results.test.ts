/**
 * Results from behaviour events inserted per arm: impressions, clicks, add-to-cart after a click
 * (same product, within 24 h), purchases after first exposure, only inside the start..stop window
 * and only for shoppers whose analytics consent is on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import {
  createExperiment,
  type Experiment,
  type ExperimentResults,
  experimentResults,
  startExperiment,
  stopExperiment,
  wilsonInterval,
} from '../index.ts';

const { sql } = await createTestDatabase();

const HOUR = 3_600_000;
const T0 = new Date(Date.now() - 10 * 24 * HOUR);
const T1 = new Date(Date.now() - 24 * HOUR);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const afterStop = (hours: number) => new Date(T1.getTime() + hours * HOUR);

let experiment: Experiment;
let results: ExperimentResults;

async function shopper(key: string, analytics = true) {
  await sql`insert into shopper_keys (key, personalisation, analytics) values (${key}, true, ${analytics})`;
}

async function event(
  key: string,
  kind: string,
  occurredAt: Date,
  productId: string,
  label: string | null = null,
) {
  await sql`insert into behaviour_events (shopper_key, kind, product_id, placement, strategy,
      for_personalisation, for_analytics, occurred_at)
    values (${key}, ${kind}, ${productId}, ${label ? 'home_for_you' : null}, ${label}, true, true, ${occurredAt})`;
}

beforeAll(async () => {
  experiment = await createExperiment(sql, {
    name: 'Hybrid vs popular',
    placement: 'home_for_you',
    strategyA: 'hybrid',
    strategyB: 'popular',
  });
  await startExperiment(sql, experiment.id);
  await stopExperiment(sql, experiment.id);
  await sql`update recommendation_experiments set started_at = ${T0}, stopped_at = ${T1} where id = ${experiment.id}`;
  const A = `${experiment.id}.a`;
  const B = `${experiment.id}.b`;
  for (const key of ['vk_a1', 'vk_a2', 'vk_a3', 'vk_a4', 'vk_a5', 'vk_b1', 'vk_b2']) await shopper(key);
  await shopper('vk_no_analytics', false);

  // a1: three impressions, a click, its add-to-cart an hour later, a purchase after: all count.
  for (const h of [1, 1, 1.5]) await event('vk_a1', 'rec_impression', at(h), 'prod_p1', A);
  await event('vk_a1', 'rec_click', at(2), 'prod_p1', A);
  await event('vk_a1', 'add_to_cart', at(3), 'prod_p1');
  await event('vk_a1', 'purchase', at(4), 'prod_p1');
  // a2: the add-to-cart comes 28 h after the click: too late; no purchase.
  for (const h of [1, 1]) await event('vk_a2', 'rec_impression', at(h), 'prod_p2', A);
  await event('vk_a2', 'rec_click', at(2), 'prod_p2', A);
  await event('vk_a2', 'add_to_cart', at(30), 'prod_p2');
  // a3: bought before being shown anything: not a conversion.
  await event('vk_a3', 'purchase', at(4), 'prod_p3');
  await event('vk_a3', 'rec_impression', at(5), 'prod_p1', A);
  // a4: shown and clicked before the start; a5: shown after the stop; neither counts.
  await event('vk_a4', 'rec_impression', at(-1), 'prod_p1', A);
  await event('vk_a4', 'rec_click', at(-0.5), 'prod_p1', A);
  await event('vk_a4', 'purchase', at(2), 'prod_p1');
  await event('vk_a5', 'rec_impression', afterStop(1), 'prod_p1', A);
  // Without analytics consent nothing counts.
  await event('vk_no_analytics', 'rec_impression', at(1), 'prod_p1', A);
  await event('vk_no_analytics', 'rec_click', at(2), 'prod_p1', A);

  // b1: clicks p1 twice; the add-to-cart is 24.5 h after the first click, 23.5 h after the second
  // (counts once), then buys.
  for (const h of [1, 1, 2, 2]) await event('vk_b1', 'rec_impression', at(h), 'prod_p1', B);
  await event('vk_b1', 'rec_click', at(2), 'prod_p1', B);
  await event('vk_b1', 'rec_click', at(3), 'prod_p1', B);
  await event('vk_b1', 'add_to_cart', at(26.5), 'prod_p1');
  await event('vk_b1', 'purchase', at(27), 'prod_p1');
  // b2: clicks p2 but adds p3; buys only after the stop.
  await event('vk_b2', 'rec_impression', at(1), 'prod_p2', B);
  await event('vk_b2', 'rec_click', at(1.5), 'prod_p2', B);
  await event('vk_b2', 'add_to_cart', at(2), 'prod_p3');
  await event('vk_b2', 'purchase', afterStop(2), 'prod_p3');

  results = await experimentResults(sql, experiment.id);
});

describe('experimentResults', () => {
  it('counts exposure, impressions and clicks per arm inside the window', () => {
    expect(results.window).toEqual({ from: T0, to: T1 });
    const { a, b } = results.arms;
    expect([a.strategy, a.label, b.strategy, b.label]).toEqual([
      'hybrid',
      `${experiment.id}.a`,
      'popular',
      `${experiment.id}.b`,
    ]);
    expect([a.exposedShoppers, a.impressions, a.clicks]).toEqual([3, 6, 2]);
    expect([b.exposedShoppers, b.impressions, b.clicks]).toEqual([2, 5, 3]);
  });

  it('computes click-through, add-to-cart after a click and conversion with Wilson intervals', () => {
    const { a, b } = results.arms;
    expect(a.clickThrough).toEqual(wilsonInterval(2, 6));
    expect(b.clickThrough).toEqual(wilsonInterval(3, 5));
    expect(a.addToCart).toEqual(wilsonInterval(1, 2));
    expect(b.addToCart).toEqual(wilsonInterval(1, 2));
    expect(a.conversion).toEqual(wilsonInterval(1, 3));
    expect(b.conversion).toEqual(wilsonInterval(1, 2));
    // By hand, 1 of 3: centre (1/3 + 0.6402) / 2.2805 = 0.4269, half 0.8594 × √(0.0741 + 0.1067) = 0.3654.
    expect(a.conversion.interval.lower).toBeCloseTo(0.0615, 4);
    expect(a.conversion.interval.upper).toBeCloseTo(0.7923, 4);
  });

  it('gives b − a for each rate with an interval that here includes 0', () => {
    const ctr = results.differences.clickThrough!;
    expect(ctr.difference).toBeCloseTo(3 / 5 - 2 / 6, 10);
    expect(ctr.interval.lower).toBeLessThan(0);
    expect(ctr.interval.upper).toBeGreaterThan(0);
    expect(ctr.excludesZero).toBe(false);
    expect(results.differences.addToCart!.difference).toBe(0);
    expect(results.differences.conversion!.difference).toBeCloseTo(1 / 2 - 1 / 3, 10);
  });

  it('has nothing to count before an experiment starts', async () => {
    const draft = await createExperiment(sql, {
      name: 'Not yet',
      placement: 'cart_complete',
      strategyA: 'content',
      strategyB: 'collaborative',
      shareB: 20,
    });
    const empty = await experimentResults(sql, draft.id);
    expect(empty.window).toBeNull();
    expect(empty.arms.a).toMatchObject({ exposedShoppers: 0, impressions: 0, clicks: 0 });
    expect(empty.arms.b.clickThrough.rate).toBeNull();
    expect(empty.differences).toEqual({ clickThrough: null, addToCart: null, conversion: null });
  });
});
