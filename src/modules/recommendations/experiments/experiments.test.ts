/** Experiments against real PostgreSQL: validation, one running per placement, sticky arms, the cache. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support.ts';
import { DomainError } from '../../../app/errors.ts';
import {
  assignExperimentArm,
  createExperiment,
  getExperiment,
  listExperiments,
  type NewExperimentInput,
  startExperiment,
  stopExperiment,
} from '../index.ts';
import { runningExperimentsChanged } from './running-experiments.ts';

const { sql } = await createTestDatabase();

const LABEL = /^[a-z0-9_.:-]{1,40}$/;

async function experimentCount(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from recommendation_experiments`;
  return row!.n;
}

async function failure(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const base: NewExperimentInput = {
  name: 'Popular vs hybrid',
  placement: 'home_for_you',
  strategyA: 'hybrid',
  strategyB: 'popular',
};

beforeEach(async () => {
  // Each test starts with no running experiment (drafts and stopped ones may stay).
  await sql`update recommendation_experiments set status = 'stopped', stopped_at = now() where status = 'running'`;
  runningExperimentsChanged();
});

describe('createExperiment', () => {
  it('stores a draft with a 50 % share of b by default', async () => {
    const created = await createExperiment(sql, { ...base, name: '  Default share  ' });
    expect(created).toMatchObject({
      name: 'Default share',
      status: 'draft',
      shareB: 50,
      startedAt: null,
      stoppedAt: null,
    });
    expect(created.id).toMatch(/^exp_[0-9a-z]{16}$/);
    expect(await getExperiment(sql, created.id)).toEqual(created);
    expect((await listExperiments(sql)).map((e) => e.id)).toContain(created.id);
  });

  it.each([
    ['the same strategy twice', { strategyB: 'hybrid' }, 'strategyB'],
    ['an unknown placement', { placement: 'nowhere' }, 'placement'],
    ['an unknown strategy', { strategyA: 'random' }, 'strategyA'],
    ['a share of 0', { shareB: 0 }, 'shareB'],
    ['a share of 100', { shareB: 100 }, 'shareB'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an unknown field', { owner: 'me' }, 'body'],
  ])('refuses %s and writes nothing', async (_what, change, field) => {
    const before = await experimentCount();
    const error = await failure(createExperiment(sql, { ...base, ...change } as NewExperimentInput));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.issues?.map((i) => i.field)).toContain(field);
    expect(await experimentCount()).toBe(before);
  });
});

describe('startExperiment and stopExperiment', () => {
  it('allows one running experiment per placement: the second start is a 409 and changes nothing', async () => {
    const first = await createExperiment(sql, base);
    const second = await createExperiment(sql, { ...base, strategyB: 'content' });
    const other = await createExperiment(sql, { ...base, placement: 'cart_complete' });
    const started = await startExperiment(sql, first.id);
    expect(started.status).toBe('running');
    expect(started.startedAt).toBeInstanceOf(Date);

    const error = await failure(startExperiment(sql, second.id));
    expect([error.status, error.code]).toEqual([409, 'placement_has_experiment']);
    expect((await getExperiment(sql, second.id)).status).toBe('draft');
    expect((await getExperiment(sql, first.id)).status).toBe('running');
    // Another placement is free.
    expect((await startExperiment(sql, other.id)).status).toBe('running');

    const stopped = await stopExperiment(sql, first.id);
    expect(stopped.status).toBe('stopped');
    expect(stopped.stoppedAt!.getTime()).toBeGreaterThanOrEqual(started.startedAt!.getTime());
    expect((await startExperiment(sql, second.id)).status).toBe('running');
  });

  it('refuses to restart a stopped experiment or stop one that is not running', async () => {
    const draft = await createExperiment(sql, base);
    const stopError = await failure(stopExperiment(sql, draft.id));
    expect([stopError.status, stopError.code]).toEqual([409, 'experiment_not_running']);
    await startExperiment(sql, draft.id);
    const again = await failure(startExperiment(sql, draft.id));
    expect([again.status, again.code]).toEqual([409, 'experiment_not_draft']);
    const stopped = await stopExperiment(sql, draft.id);
    const restart = await failure(startExperiment(sql, draft.id));
    expect(restart.code).toBe('experiment_not_draft');
    expect(await getExperiment(sql, draft.id)).toEqual(stopped);
  });

  it('answers an unknown experiment with a 404', async () => {
    for (const run of [getExperiment, startExperiment, stopExperiment]) {
      const error = await failure(run(sql, 'exp_0000000000000000'));
      expect([error.status, error.code]).toEqual([404, 'experiment_not_found']);
    }
  });
});

describe('assignExperimentArm', () => {
  it('gives nobody an arm while no experiment runs on the placement', async () => {
    await createExperiment(sql, base);
    expect(await assignExperimentArm(sql, 'home_for_you', 'vk_someone')).toBeNull();
  });

  it('keeps a visitor in one arm and splits visitors by the share of b', async () => {
    const experiment = await createExperiment(sql, { ...base, strategyB: 'collaborative', shareB: 30 });
    await startExperiment(sql, experiment.id);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 2000; i++) {
      const key = `vk_visitor_${i}`;
      const first = (await assignExperimentArm(sql, 'home_for_you', key))!;
      const again = (await assignExperimentArm(sql, 'home_for_you', key))!;
      expect(again).toEqual(first);
      expect(first.experimentId).toBe(experiment.id);
      expect(first.strategy).toBe(first.arm === 'a' ? 'hybrid' : 'collaborative');
      expect(first.label).toBe(`${experiment.id}.${first.arm}`);
      counts[first.arm]++;
    }
    // 30 % of 2,000 is 600; the binomial standard deviation is about 20.
    expect(counts.b).toBeGreaterThan(530);
    expect(counts.b).toBeLessThan(670);
    expect(counts.a + counts.b).toBe(2000);
  });

  it('gives a visitor without a key no arm, and another placement none either', async () => {
    const experiment = await createExperiment(sql, base);
    await startExperiment(sql, experiment.id);
    expect(await assignExperimentArm(sql, 'home_for_you', null)).toBeNull();
    expect(await assignExperimentArm(sql, 'home_for_you', '')).toBeNull();
    expect(await assignExperimentArm(sql, 'product_similar', 'vk_someone')).toBeNull();
    const assigned = await assignExperimentArm(sql, 'home_for_you', 'vk_someone');
    expect(assigned?.label).toMatch(LABEL);
  });

  it('serves the running experiments from memory and forgets them when one is stopped', async () => {
    const experiment = await createExperiment(sql, base);
    await startExperiment(sql, experiment.id);
    expect(await assignExperimentArm(sql, 'home_for_you', 'vk_cached')).not.toBeNull();
    // Changed behind the module's back: the cached answer stands (no query per request) …
    await sql`update recommendation_experiments set status = 'stopped', stopped_at = now() where id = ${experiment.id}`;
    expect(await assignExperimentArm(sql, 'home_for_you', 'vk_cached')).not.toBeNull();
    runningExperimentsChanged();
    expect(await assignExperimentArm(sql, 'home_for_you', 'vk_cached')).toBeNull();

    // … while a stop through the use case takes effect at once.
    const next = await createExperiment(sql, base);
    await startExperiment(sql, next.id);
    expect((await assignExperimentArm(sql, 'home_for_you', 'vk_cached'))?.experimentId).toBe(next.id);
    await stopExperiment(sql, next.id);
    expect(await assignExperimentArm(sql, 'home_for_you', 'vk_cached')).toBeNull();
  });
});
