import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { DEMO_ACCOUNTS } from '../../demo/seed.ts';
import { removedInterestProductIds } from '../../modules/recommendations/index.ts';
import { browser, csrfOf } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp();
const EN = { 'accept-language': 'en' };

/** Two published products of one category with a brand (from the demo seed). */
async function twoProducts() {
  const [row] = await sql<{ category_id: string; brand_id: string; ids: string[] }[]>`
    select category_id, brand_id, (array_agg(id order by id))[1:2] as ids
      from products where status = 'published' and brand_id is not null
     group by category_id, brand_id having count(*) >= 2 order by category_id limit 1`;
  return { categoryId: row!.category_id, brandId: row!.brand_id, productIds: row!.ids };
}

/** A visitor who allowed personalisation (through the banner form) and viewed two products. */
async function browsingVisitor() {
  const visitor = browser(app);
  const consent = await visitor.post('/consent', { choice: 'personalisation', returnTo: '/' });
  expect(consent.statusCode).toBe(303);
  const key = visitor.jar.get('lantern_vid')!;
  expect(key).toMatch(/^vk_/);
  const shop = await twoProducts();
  for (const productId of shop.productIds)
    await sql`insert into behaviour_events (shopper_key, kind, product_id, for_personalisation, for_analytics, occurred_at)
      values (${key}, 'product_view', ${productId}, true, false, now())`;
  return { visitor, key, ...shop };
}

/** The hidden fields of the remove (or restore) form of one tag on the page. */
function formOf(body: string, kind: string, value: string) {
  const item = body.match(
    new RegExp(`<li class="interest"[^>]*data-kind="${kind}" data-value="${value}"[\\s\\S]*?</li>`),
  );
  expect(item, `${kind} ${value} on the page`).not.toBeNull();
  const field = (name: string) => item![0].match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
  const action = item![0].match(/action="([^"]+)"/)![1]!;
  return { action, fields: { _csrf: field('_csrf'), kind: field('kind'), value: field('value') } };
}

describe('/interests', () => {
  it('shows an anonymous visitor their tags with evidence, and removes one through the form', async () => {
    const { visitor, key, categoryId, productIds } = await browsingVisitor();
    const page = await visitor.get('/interests', EN);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain('My interests');
    expect(page.body).toContain('href="/privacy"');
    expect(page.body).toMatch(
      new RegExp(`data-kind="category" data-value="${categoryId}"[\\s\\S]*?viewed 2`),
    );
    expect(page.body).toContain('data-kind="recency"');
    const form = formOf(page.body, 'category', categoryId);
    expect(form.action).toBe('/interests/remove');
    const removed = await visitor.post(form.action, form.fields, EN);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/interests?done=removed');
    expect([...(await removedInterestProductIds(sql, key))]).toEqual(expect.arrayContaining(productIds));
    const after = await visitor.get('/interests?done=removed', EN);
    expect(after.body).toContain('data-testid="interests-done"');
    expect(after.body).not.toMatch(
      new RegExp(`data-testid="interest-tag" data-kind="category" data-value="${categoryId}"`),
    );
    const restore = formOf(after.body, 'category', categoryId);
    expect(restore.action).toBe('/interests/restore');
    expect((await visitor.post(restore.action, restore.fields)).headers.location).toBe(
      '/interests?done=restored',
    );
    expect((await removedInterestProductIds(sql, key)).size).toBe(0);
  });

  it('refuses a bad interest with an error page and changes nothing', async () => {
    const { visitor, key } = await browsingVisitor();
    for (const fields of [
      { kind: 'recency', value: 'today' },
      { kind: 'category', value: '<script>' },
      { kind: 'brand' },
    ]) {
      const res = await visitor.post('/interests/remove', fields as Record<string, string>, EN);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('data-testid="interests-error"');
      expect(res.body).not.toContain('<script>');
    }
    const unknown = await visitor.post('/interests/remove', { kind: 'category', value: 'cat_nothere' });
    expect(unknown.statusCode).toBe(404);
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from shopper_interest_removals where shopper_key = ${key}`;
    expect(count!.n).toBe(0);
  });

  it('refuses a cross-site post', async () => {
    const { visitor, key, brandId } = await browsingVisitor();
    const res = await visitor.post(
      '/interests/remove',
      { kind: 'brand', value: brandId },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(res.statusCode).toBe(403);
    expect((await removedInterestProductIds(sql, key)).size).toBe(0);
  });

  it('says personalisation is off and shows no tags', async () => {
    const { visitor } = await browsingVisitor();
    await visitor.post('/consent', { choice: 'necessary', returnTo: '/' });
    const page = await visitor.get('/interests', EN);
    expect(page.body).toContain('data-testid="interests-off"');
    expect(page.body).not.toContain('data-testid="interest-tag"');
  });

  it('works for a signed-in customer: CSRF checked, and removals made before sign-in carried over', async () => {
    const { visitor, brandId, categoryId } = await browsingVisitor();
    const before = await visitor.get('/interests', EN);
    const brandForm = formOf(before.body, 'brand', brandId);
    expect((await visitor.post(brandForm.action, brandForm.fields)).statusCode).toBe(303);
    const login = await visitor.get('/login');
    const signedIn = await visitor.post('/login', {
      _csrf: csrfOf(login.body),
      email: DEMO_ACCOUNTS.shopper.email,
      password: DEMO_ACCOUNTS.shopper.password,
    });
    expect(signedIn.statusCode).toBe(303);
    const page = await visitor.get('/interests', EN);
    expect(page.body).toMatch(
      new RegExp(`data-testid="removed-interest" data-kind="brand" data-value="${brandId}"`),
    );
    const form = formOf(page.body, 'category', categoryId);
    expect(form.fields._csrf).not.toBe('');
    const forged = await visitor.post(form.action, { ...form.fields, _csrf: 'wrong' });
    expect(forged.statusCode).toBe(403);
    const key = visitor.jar.get('lantern_vid')!;
    const [linked] = await sql<
      { customer_id: string | null }[]
    >`select customer_id from shopper_keys where key = ${key}`;
    expect(linked?.customer_id).toMatch(/^cus_/);
    expect((await removedInterestProductIds(sql, key)).size).toBeGreaterThan(0);
    const ok = await visitor.post(form.action, form.fields);
    expect(ok.statusCode).toBe(303);
    const [count] = await sql<{ n: number }[]>`
      select count(*)::int as n from shopper_interest_removals where shopper_key = ${key} and kind = 'category'`;
    expect(count!.n).toBe(1);
  });

  it('is linked from the privacy page', async () => {
    expect((await browser(app).get('/privacy')).body).toContain('href="/interests"');
  });
});
