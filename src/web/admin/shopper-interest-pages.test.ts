import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { newId } from '../../app/ids.ts';
import { newShopperKey, removeInterest, setShopperConsent } from '../../modules/recommendations/index.ts';
import { buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

/** A category of its own with one product; `shoppers` consenting shoppers viewed it today. */
async function categoryViewedBy(shoppers: number, name: string) {
  const categoryId = newId('cat');
  const productId = newId('prod');
  await sql`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${categoryId}, ${name}, ${name})`;
  await sql`insert into products (id, slug, status, title_zh, title_en, category_id, min_price_minor, max_price_minor)
    values (${productId}, ${productId}, 'published', '测试', 'Test', ${categoryId}, 9900, 9900)`;
  const keys: string[] = [];
  for (let i = 0; i < shoppers; i++) {
    const key = newShopperKey();
    await setShopperConsent(sql, key, { personalisation: true, analytics: false });
    await sql`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
      values (${key}, 'add_to_cart', ${productId}, true, false, now())`;
    keys.push(key);
  }
  return { categoryId, keys };
}

describe('/admin/console/interests', () => {
  it('shows merchants the aggregate and hides groups of fewer than five shoppers', async () => {
    // The demo seed's shoppers would crowd the top 20: this database keeps only the test's own.
    await sql`delete from behaviour_events`;
    await sql`delete from shopper_keys`;
    const popular = await categoryViewedBy(5, 'Popular tents');
    const rare = await categoryViewedBy(4, 'Rare kites');
    for (const key of popular.keys) await removeInterest(sql, key, { kind: 'price_band', value: '3000_up' });
    const merchant = await signIn(app, await buildStaff(sql, 'merchant'));
    const page = await merchant.get('/admin/console/interests');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('data-testid="k-anonymity-note"');
    expect(page.body).toContain('href="/admin/console/interests"');
    const categories = page.body.match(/data-testid="interests-categories"[\s\S]*?<\/section>/)![0];
    expect(categories).toMatch(
      new RegExp(`data-value="${popular.categoryId}"><td>Popular tents</td><td>5</td>`),
    );
    expect(page.body).not.toContain(rare.categoryId);
    expect(page.body).not.toContain('Rare kites');
    expect(categories).toContain('data-testid="hidden-groups"');
    const removals = page.body.match(/data-testid="interests-removals"[\s\S]*?<\/section>/)![0];
    expect(removals).toMatch(/data-value="3000_up">[\s\S]*?<td>5<\/td>/);
    const profiled = Number(page.body.match(/data-testid="profiled-shoppers">(\d+)</)![1]);
    expect(profiled).toBe(9);
  });

  it('refuses support agents and signed-out visitors', async () => {
    const agent = await signIn(app, await buildStaff(sql, 'agent'));
    const refused = await agent.get('/admin/console/interests');
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('k-anonymity-note');
    expect((await agent.get('/admin')).body).not.toContain('href="/admin/console/interests"');
    const anonymous = await app.inject({ method: 'GET', url: '/admin/console/interests' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/admin/login');
  });

  it('refuses a shopper session', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/admin/console/interests',
      headers: { cookie: 'lantern_session=not-a-staff-token' },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/admin/login');
  });
});
