/** Experiment screens: create, start, results per arm with intervals, stop; merchants only. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { createSession } from '../../modules/identity/index.ts';
import { type Browser, buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

let merchant: Browser;
let agent: Browser;

const form = {
  name: 'For you: popular vs hybrid',
  placement: 'home_for_you',
  strategyA: 'hybrid',
  strategyB: 'popular',
  shareB: '40',
};

async function experimentCount(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from recommendation_experiments`;
  return row!.n;
}

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  agent = await signIn(app, await buildStaff(sql, 'agent'));
});

describe('experiment screens', () => {
  it('creates a draft, starts it, shows results per arm with intervals, and stops it', async () => {
    const list = await merchant.get('/admin/console/experiments');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('private, no-store');
    expect(list.body).toContain('action="/admin/console/experiments"');
    expect(list.body).toContain('href="/admin/console/experiments" aria-current="page"');

    const created = await merchant.post('/admin/console/experiments', { _csrf: merchant.csrf, ...form });
    expect(created.statusCode).toBe(303);
    const path = created.headers.location!.split('?')[0]!;
    const id = path.split('/').pop()!;
    expect(id).toMatch(/^exp_/);
    const draft = await merchant.get(created.headers.location!);
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('实验已创建');
    expect(draft.body).toContain(`action="${path}/start"`);
    expect((await merchant.get('/admin/console/experiments')).body).toContain(`href="${path}"`);

    const started = await merchant.post(`${path}/start`, { _csrf: merchant.csrf });
    expect(started.statusCode).toBe(303);
    const [row] = await sql<{ status: string; share_b: number }[]>`
      select status, share_b from recommendation_experiments where id = ${id}`;
    expect(row).toEqual({ status: 'running', share_b: 40 });

    // One shopper in each arm: arm a 1 click in 2 impressions, arm b none in 1.
    await sql`insert into shopper_keys (key, analytics) values ('vk_page_a', true), ('vk_page_b', true)`;
    await sql`insert into behaviour_events (shopper_key, kind, product_id, placement, strategy, for_personalisation, for_analytics, occurred_at)
      values ('vk_page_a', 'rec_impression', 'prod_x', 'home_for_you', ${`${id}.a`}, false, true, now()),
             ('vk_page_a', 'rec_impression', 'prod_y', 'home_for_you', ${`${id}.a`}, false, true, now()),
             ('vk_page_a', 'rec_click', 'prod_x', 'home_for_you', ${`${id}.a`}, false, true, now()),
             ('vk_page_b', 'rec_impression', 'prod_x', 'home_for_you', ${`${id}.b`}, false, true, now())`;
    const running = await merchant.get(path);
    expect(running.statusCode).toBe(200);
    const armA = running.body.match(/<tr data-arm="a">[\s\S]*?<\/tr>/)![0];
    // 1 of 2: Wilson [9.5 %, 90.5 %].
    expect(armA).toContain('50.0% [9.5%, 90.5%] (1/2)');
    expect(running.body).toMatch(/<tr data-arm="b">[\s\S]*?0\.0% \[0\.0%, 79\.3%\] \(0\/1\)/);
    expect(running.body).toContain('B − A');
    expect(running.body).toContain(`action="${path}/stop"`);

    const stopped = await merchant.post(`${path}/stop`, { _csrf: merchant.csrf });
    expect(stopped.statusCode).toBe(303);
    const after = await merchant.get(stopped.headers.location!);
    expect(after.body).toContain('实验已停止');
    expect(after.body).not.toContain(`action="${path}/st`);
  });

  it('re-renders the form with the problem and writes nothing for an invalid experiment', async () => {
    const before = await experimentCount();
    const res = await merchant.post('/admin/console/experiments', {
      _csrf: merchant.csrf,
      ...form,
      strategyB: 'hybrid',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('B 组策略');
    expect(res.body).toContain(`value="${form.name}"`);
    expect(await experimentCount()).toBe(before);
  });

  it('refuses a second running experiment on a placement with a 409 on the page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await merchant.post('/admin/console/experiments', {
        _csrf: merchant.csrf,
        ...form,
        placement: 'cart_complete',
      });
      ids.push(created.headers.location!.split('?')[0]!.split('/').pop()!);
    }
    expect(
      (await merchant.post(`/admin/console/experiments/${ids[0]}/start`, { _csrf: merchant.csrf }))
        .statusCode,
    ).toBe(303);
    const second = await merchant.post(`/admin/console/experiments/${ids[1]}/start`, {
      _csrf: merchant.csrf,
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('该推荐位已有进行中的实验');
    const statuses = await sql<{ status: string }[]>`
      select status from recommendation_experiments where id in ${sql(ids)} order by status`;
    expect(statuses.map((s) => s.status)).toEqual(['draft', 'running']);
  });

  it('answers an unknown experiment with a 404 page', async () => {
    const res = await merchant.get('/admin/console/experiments/exp_0000000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('refuses agents, shoppers, strangers and posts without the CSRF token', async () => {
    expect((await agent.get('/admin/console/experiments')).statusCode).toBe(403);
    expect((await agent.get('/admin')).body).not.toContain('/admin/console/experiments');
    const before = await experimentCount();
    expect((await agent.post('/admin/console/experiments', { _csrf: agent.csrf, ...form })).statusCode).toBe(
      403,
    );
    const anonymous = await app.inject({ method: 'GET', url: '/admin/console/experiments' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/admin/login');
    const [customer] = await sql<{ id: string }[]>`select id from customers limit 1`;
    const session = await createSession(sql, { kind: 'shopper', customerId: customer!.id });
    const shopper = await app.inject({
      method: 'GET',
      url: '/admin/console/experiments',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(shopper.statusCode).not.toBe(200);
    expect(shopper.body).not.toContain('action="/admin/console/experiments"');
    expect((await merchant.post('/admin/console/experiments', form)).statusCode).toBe(403);
    expect(await experimentCount()).toBe(before);
  });
});
