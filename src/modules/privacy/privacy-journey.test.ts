/**
 * In a real Chromium: the consent banner, the beacon (product views and searches reach the
 * server from the page), switching personalisation off on /privacy, and deleting the account from
 * the storefront, with axe-core on the privacy pages.
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../test/browser.ts';
import { createTestApp } from '../../../test/support.ts';
import type { Sql } from '../../app/database.ts';
import { SHOPPER_KEY_COOKIE } from '../recommendations/index.ts';

let browser: Browser;
let sql: Sql;
let baseUrl: string;
let products: { id: string; slug: string }[];

beforeAll(async () => {
  const started = await createTestApp({ env: { DEV_OUTBOX: '1' } }); // the development outbox holds the registration links
  sql = started.sql;
  await started.app.listen({ port: 0, host: '127.0.0.1' });
  const address = started.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
  products = [
    ...(await sql<{ id: string; slug: string }[]>`
    select id, slug from products where status = 'published' order by id limit 3`),
  ];
});

afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document).then((r) => r.violations),
  )) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function eventsOf(key: string) {
  return sql<{ kind: string; product_id: string | null; query: string | null }[]>`
    select kind, product_id, query from behaviour_events where shopper_key = ${key} order by id`;
}

/** Reads until `ok` (a beacon lands when the browser sends it); the bound only ends a hang. */
async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

describe('privacy in the browser', () => {
  it('asks first, then sends views and searches by beacon until personalisation is switched off', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await expect(page.locator('[data-testid="consent-banner"]').isVisible()).resolves.toBe(true);
    await page.click('[data-testid="consent-personalisation"]');
    await page.waitForLoadState();
    await expect(page.locator('[data-testid="consent-banner"]').count()).resolves.toBe(0);
    const key = (await context.cookies()).find((c) => c.name === SHOPPER_KEY_COOKIE)!.value;

    await page.goto(`${baseUrl}/p/${products[0]!.slug}`);
    await page.goto(`${baseUrl}/search?q=tea`);
    await page.goto(`${baseUrl}/privacy`);
    const events = await waitFor(
      () => eventsOf(key),
      (e) => e.length >= 2,
    );
    expect(events).toEqual([
      { kind: 'product_view', product_id: products[0]!.id, query: null },
      { kind: 'search', product_id: null, query: 'tea' },
    ]);

    // The leaving-the-page path: a real navigator.sendBeacon (text/plain, no custom headers).
    const queued = await page.evaluate((productId) => {
      const body = JSON.stringify({ events: [{ kind: 'product_view', productId }] });
      return navigator.sendBeacon('/store/events', new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    }, products[2]!.id);
    expect(queued).toBe(true);
    const withBeacon = await waitFor(
      () => eventsOf(key),
      (e) => e.length >= 3,
    );
    expect(withBeacon.at(-1)).toEqual({ kind: 'product_view', product_id: products[2]!.id, query: null });

    expect(await seriousViolations(page)).toEqual([]);
    await page.uncheck('[data-testid="consent-personalisation-box"]');
    await page.click('[data-testid="save-privacy"]');
    await page.waitForURL(/saved=1/);
    expect((await context.cookies()).find((c) => c.name === 'lantern_consent')?.value).toMatch(
      /^v2\.0\.0\.\d+$/,
    );
    await page.goto(`${baseUrl}/p/${products[1]!.slug}`);
    await page.goto(`${baseUrl}/`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await eventsOf(key)).toHaveLength(3);
    await context.close();
  });

  it('deletes a signed-in account from the storefront, with accessible pages', async () => {
    const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('#login-email', 'shopper@lantern.test');
    await page.fill('#login-password', 'lantern-shopper');
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${baseUrl}/privacy`);
    expect(await page.locator('[data-testid="export-data"]').getAttribute('href')).toBe(
      '/store/account/export',
    );
    await page.click('[data-testid="delete-account-link"]');
    await page.waitForURL(/\/account\/delete$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#delete-password', 'wrong password');
    await page.check('input[name="confirm"]');
    await page.click('[data-testid="delete-account"]');
    await expect(page.locator('[data-testid="delete-error"]').isVisible()).resolves.toBe(true);
    await page.fill('#delete-password', 'lantern-shopper');
    await page.check('input[name="confirm"]');
    await page.click('[data-testid="delete-account"]');
    await page.waitForLoadState();
    await expect(page.locator('h1').textContent()).resolves.toContain('账户已注销');
    expect(await sql`select 1 from customers where email = 'shopper@lantern.test'`).toHaveLength(0);
    await context.close();
  });
});
