/** The JSON admin API for experiments: problem+json errors, 409 on a second running one, merchants only. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support.ts';
import { newId } from '../../../../app/ids.ts';
import { createSession, type StaffRole } from '../../../identity/index.ts';

const { sql, app } = await createTestApp();

let merchant: Record<string, string>;
let agent: Record<string, string>;

async function bearer(role: StaffRole): Promise<Record<string, string>> {
  const id = newId('stf');
  await sql`insert into staff_users (id, email, name, role, password_hash)
    values (${id}, ${`${id}@example.test`}, 'Staff', ${role}, 'not-a-hash')`;
  const { token } = await createSession(sql, { kind: 'staff', staffId: id });
  return { authorization: `Bearer ${token}` };
}

const body = {
  name: 'Content vs collaborative',
  placement: 'product_similar',
  strategyA: 'content',
  strategyB: 'collaborative',
};

beforeAll(async () => {
  merchant = await bearer('merchant');
  agent = await bearer('agent');
});

describe('experiment admin API', () => {
  it('creates, starts, reads results and stops an experiment', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/admin/experiments',
      headers: merchant,
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const experiment = created.json();
    expect(experiment).toMatchObject({ ...body, shareB: 50, status: 'draft', startedAt: null });

    const start = await app.inject({
      method: 'POST',
      url: `/admin/experiments/${experiment.id}/start`,
      headers: merchant,
    });
    expect(start.json().status).toBe('running');
    const read = await app.inject({ url: `/admin/experiments/${experiment.id}`, headers: merchant });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      experiment: { id: experiment.id, status: 'running' },
      arms: {
        a: { strategy: 'content', label: `${experiment.id}.a`, impressions: 0, clickThrough: { rate: null } },
        b: { strategy: 'collaborative', label: `${experiment.id}.b` },
      },
      differences: { clickThrough: null, addToCart: null, conversion: null },
    });
    expect(read.json().window.from).toBe(start.json().startedAt);

    const list = await app.inject({ url: '/admin/experiments', headers: merchant });
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(experiment.id);

    const stop = await app.inject({
      method: 'POST',
      url: `/admin/experiments/${experiment.id}/stop`,
      headers: merchant,
    });
    expect(stop.json()).toMatchObject({ status: 'stopped' });
  });

  it('answers invalid input with validation_failed and a second running experiment with a 409', async () => {
    const same = await app.inject({
      method: 'POST',
      url: '/admin/experiments',
      headers: merchant,
      payload: { ...body, strategyB: 'content' },
    });
    expect(same.statusCode).toBe(400);
    expect(same.headers['content-type']).toContain('application/problem+json');
    expect(same.json()).toMatchObject({ code: 'validation_failed' });
    const extra = await app.inject({
      method: 'POST',
      url: '/admin/experiments',
      headers: merchant,
      payload: { ...body, status: 'running' },
    });
    expect(extra.statusCode).toBe(400);

    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/admin/experiments',
        headers: merchant,
        payload: { ...body, placement: 'search_empty' },
      });
      ids.push(res.json().id);
    }
    await app.inject({ method: 'POST', url: `/admin/experiments/${ids[0]}/start`, headers: merchant });
    const second = await app.inject({
      method: 'POST',
      url: `/admin/experiments/${ids[1]}/start`,
      headers: merchant,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ type: '/problems/placement_has_experiment' });
    const unknown = await app.inject({ url: '/admin/experiments/exp_0000000000000000', headers: merchant });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'experiment_not_found']);
  });

  it('refuses agents and anonymous callers and changes nothing', async () => {
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from recommendation_experiments`;
    expect((await app.inject({ url: '/admin/experiments', headers: agent })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/admin/experiments', headers: agent, payload: body }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/admin/experiments', payload: body })).statusCode).toBe(
      401,
    );
    const [after] = await sql<{ n: number }[]>`select count(*)::int as n from recommendation_experiments`;
    expect(after!.n).toBe(before!.n);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/experiments',
        '/admin/experiments/{id}',
        '/admin/experiments/{id}/start',
      ]),
    );
  });
});
