/**
 * axe-core in a real Chromium on the shopper's pages: home, category listing, product, cart,
 * checkout and account, on a phone and a desktop viewport, in light and dark themes. No serious or
 * critical violation may remain.
 */
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../browser.ts';
import { startTestServer } from '../support.ts';

let browser: Browser;
let baseUrl: string;
let productPath: string;
let categoryPath: string;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

beforeAll(async () => {
  ({ baseUrl } = await startTestServer());
  browser = await launchBrowser();
  const products = (await (await fetch(`${baseUrl}/store/products/hot`)).json()) as
    | { items?: { slug: string }[] }
    | { slug: string }[];
  const list = Array.isArray(products) ? products : products.items!;
  productPath = `/p/${list[0]!.slug}`;
  const categories = (await (await fetch(`${baseUrl}/store/categories`)).json()) as
    | { items?: { slug: string }[] }
    | { slug: string }[];
  categoryPath = `/c/${(Array.isArray(categories) ? categories : categories.items!)[0]!.slug}`;
});

afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page, path: string): Promise<string[]> {
  await page.goto(baseUrl + path);
  await page.evaluate(axe.source);
  const { violations, passes } = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe
      .run(document)
      .then((r) => ({ violations: r.violations, passes: r.passes.length })),
  )) as { violations: Violation[]; passes: number };
  expect(passes, `axe ran its rules on ${path}`).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

async function signedInContext(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark') {
  // bypassCSP lets axe's script run in the page; the app's own pages keep their strict CSP.
  const context = await browser.newContext({ viewport, colorScheme, bypassCSP: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#login-email', 'shopper@lantern.test');
  await page.fill('#login-password', 'lantern-shopper');
  await page.click('[data-testid="login-submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(baseUrl + productPath);
  await page.click('[data-testid="add-to-cart"]');
  await page.locator('.toast[role="status"]').waitFor();
  return { context, page };
}

describe('accessibility (axe-core)', () => {
  for (const [name, viewport] of [
    ['phone', { width: 360, height: 780 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`finds no serious or critical violations on the shopper's pages (${name}, ${scheme})`, async () => {
        let context: BrowserContext | undefined;
        try {
          const signedIn = await signedInContext(viewport, scheme);
          context = signedIn.context;
          const problems: string[] = [];
          for (const path of [
            '/',
            categoryPath,
            productPath,
            '/cart',
            '/checkout',
            '/account',
            '/account/orders',
            '/interests',
            '/search?q=qzxv',
          ]) {
            problems.push(...(await seriousViolations(signedIn.page, path)));
          }
          expect(problems).toEqual([]);
        } finally {
          await context?.close();
        }
      }, 90_000);
    }
  }
});
