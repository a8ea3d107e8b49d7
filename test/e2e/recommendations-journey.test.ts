/**
 * Personalisation in a real Chromium: a new visitor allows personalisation, views three products
 * of one category, and the home page's "For you" shelf leads with that category, saying why. Once
 * the visitor turns personalisation off (keeping analytics), the shelf is the non-personal one
 * every visitor gets, and the events recorded meanwhile are not used for them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../src/app/database.ts';
import { trainRecommendationModels } from '../../src/modules/recommendations/index.ts';
import { launchBrowser } from '../browser.ts';
import { startTestServer } from '../support.ts';

let browser: Browser;
let baseUrl: string;
let sql: Sql;

beforeAll(async () => {
  ({ baseUrl, sql } = await startTestServer());
  // What the training job does at a shop's first start (the test server runs no jobs).
  await trainRecommendationModels(sql, { force: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface ShelfItem {
  productId: string;
  reason: string;
}

/** The home page's "For you" items, in order, with their reason lines. */
async function forYou(page: Page): Promise<ShelfItem[]> {
  await page.goto(`${baseUrl}/`);
  const shelf = page.locator('[data-rec-placement="home_for_you"]');
  await shelf.waitFor();
  return shelf.locator('li').evaluateAll((items) =>
    items.map((li) => ({
      productId: li.querySelector('[data-rec-product]')?.getAttribute('data-rec-product') ?? '',
      reason: li.querySelector('.card-reason')?.textContent?.trim() ?? '',
    })),
  );
}

/** Opens a product page and waits until the beacon has delivered its view. */
async function viewProduct(page: Page, slug: string): Promise<void> {
  const delivered = page.waitForResponse(
    (r) => r.url().endsWith('/store/events') && r.request().method() === 'POST',
  );
  await page.goto(`${baseUrl}/p/${slug}`);
  expect((await delivered).status()).toBeLessThan(300);
}

async function categoryOf(productId: string): Promise<string> {
  const [row] = await sql<
    { category_id: string }[]
  >`select category_id from products where id = ${productId}`;
  return row!.category_id;
}

/** A leaf category with enough in-stock products, none of which leads the non-personal shelf. */
async function categoryToBrowse(avoid: ReadonlySet<string>): Promise<{ id: string; slugs: string[] }> {
  const rows = await sql<{ category_id: string; slugs: string[] }[]>`
    select p.category_id, array_agg(p.slug order by p.sales_count, p.id) as slugs
      from products p
     where p.status = 'published'
       and exists (select 1 from variants v join stock_levels s on s.variant_id = v.id
                    where v.product_id = p.id and s.on_hand - s.reserved > 0)
     group by p.category_id having count(*) >= 8
     order by p.category_id`;
  const pick = rows.find((r) => !avoid.has(r.category_id));
  if (!pick) throw new Error('the demo shop has no category to browse');
  return { id: pick.category_id, slugs: pick.slugs.slice(0, 4) };
}

describe('personalised "For you" in Chromium', () => {
  it('follows the visit, says why, and stops being personal when personalisation is off', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    // A stranger's shelf: what everyone gets without personalisation.
    const stranger = await browser.newContext({ locale: 'en-US' });
    const everyone = await forYou(await stranger.newPage());
    await stranger.close();
    expect(everyone.length).toBeGreaterThan(3);
    const leading = new Set(await Promise.all(everyone.slice(0, 3).map((i) => categoryOf(i.productId))));
    const category = await categoryToBrowse(leading);

    await page.goto(`${baseUrl}/`);
    await page.click('[data-testid="consent-personalisation"]');
    await page.locator('html[data-personalisation]').waitFor({ state: 'attached' });
    for (const slug of category.slugs.slice(0, 3)) await viewProduct(page, slug);

    const personal = await forYou(page);
    expect(await categoryOf(personal[0]!.productId)).toBe(category.id);
    expect(personal[0]!.reason).toMatch(/^Because you viewed /);
    expect(personal.map((i) => i.productId)).not.toEqual(everyone.map((i) => i.productId));

    // A click on a shelf item is recorded for its placement and strategy (the experiments' input).
    const clicked = page.waitForResponse((r) => r.url().endsWith('/store/events'));
    await page
      .locator(`[data-rec-placement="home_for_you"] [data-rec-product="${personal[1]!.productId}"]`)
      .click();
    await page.waitForURL(/\/p\//);
    expect((await clicked).status()).toBeLessThan(300);
    const visitor = (await context.cookies()).find((c) => c.name === 'lantern_vid')!.value;
    const clicks = await sql<{ placement: string; strategy: string }[]>`
      select placement, strategy from behaviour_events
       where shopper_key = ${visitor} and kind = 'rec_click' and product_id = ${personal[1]!.productId}`;
    expect(clicks).toEqual([{ placement: 'home_for_you', strategy: 'hybrid' }]);
    await expect
      .poll(async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from behaviour_events
           where shopper_key = ${visitor} and kind = 'product_view' and product_id = ${personal[1]!.productId}`;
        return row!.n;
      })
      .toBe(1);

    // Personalisation off, analytics on: views are still recorded, for analytics only.
    await page.goto(`${baseUrl}/privacy`);
    await page.uncheck('[data-testid="consent-personalisation-box"]');
    await page.check('[data-testid="consent-analytics-box"]');
    await page.click('[data-testid="save-privacy"]');
    await page.waitForURL(/\/privacy\?saved=1/);
    const key = (await context.cookies()).find((c) => c.name === 'lantern_vid')!.value;
    await viewProduct(page, category.slugs[3]!);

    const afterwards = await forYou(page);
    expect(afterwards.map((i) => i.productId)).toEqual(everyone.map((i) => i.productId));
    expect(afterwards.every((i) => !/^Because you viewed/.test(i.reason))).toBe(true);
    const [counts] = await sql<{ personal: number; analytics_only: number }[]>`
      select count(*) filter (where for_personalisation)::int as personal,
             count(*) filter (where not for_personalisation and for_analytics)::int as analytics_only
        from behaviour_events where shopper_key = ${key} and kind = 'product_view'`;
    // Three views before, plus the clicked product's page; one view after, for analytics only.
    expect(counts).toEqual({ personal: 4, analytics_only: 1 });
    await context.close();
  });
});
