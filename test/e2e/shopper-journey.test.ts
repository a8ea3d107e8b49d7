/**
 * The shopper journey in a real Chromium against real HTTP and PostgreSQL: search in Chinese,
 * open a product, pick a variant, add to cart, check out, pay with the sandbox test card, see the
 * confirmation and the order's timeline — as a guest, and again signed in. And a wallet payment
 * without JavaScript: checkout → the sandbox gateway's page → approve → back to the paid order.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../browser.ts';
import { startTestServer } from '../support.ts';

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ baseUrl } = await startTestServer());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Search 蓝牙耳机, open the first result, pick its second colour, add to cart, go to checkout. */
async function searchPickAndAddToCart(page: Page): Promise<{ title: string }> {
  await page.goto(`${baseUrl}/`);
  await page.fill('#site-search-q', '蓝牙耳机');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/\/search\?q=/);
  const firstResult = page.locator('[data-testid="results"] a').first();
  await firstResult.click();
  await page.waitForURL(/\/p\//);
  const title = (await page.locator('h1').textContent())!.trim();
  expect(title).toContain('蓝牙');

  // Pick the second value of the first option group (e.g. another colour) when there is one.
  const options = page.locator('fieldset').first().locator('input[type="radio"]');
  if ((await options.count()) > 1) {
    await options.nth(1).check({ force: true });
    await page.waitForURL(/variant=/);
  }
  await expect.poll(() => page.locator('[data-testid="stock-status"]').textContent()).toBeTruthy();
  const before = Number((await page.locator('[data-cart-count]').first().textContent()) || 0);
  await page.click('[data-testid="add-to-cart"]');
  await page.locator('.toast[role="status"]').waitFor();
  await expect
    .poll(async () => Number(await page.locator('[data-cart-count]').first().textContent()))
    .toBe(before + 1);
  await page.goto(`${baseUrl}/cart`);
  await expect.poll(() => page.locator('[data-testid="cart-line"]').count()).toBe(1);
  await page.click('[data-testid="go-to-checkout"]');
  await page.waitForURL(/\/checkout/);
  return { title };
}

/** A guest's contact and a Shanghai address on the checkout page. */
async function fillGuestDetails(page: Page, who: { email: string; recipient: string }) {
  await page.fill('#f-email', who.email);
  await page.fill('#f-phone', '13900139000');
  await page.fill('#f-recipient', who.recipient);
  await page.fill('#f-province', '上海');
  await page.fill('#f-city', '上海市');
  await page.fill('#f-district', '浦东新区');
  await page.fill('#f-line1', '世纪大道 100 号');
  await page.fill('#f-postalCode', '200120');
}

async function payWithTestCard(page: Page) {
  await page.fill('#f-cardNumber', '4242 4242 4242 4242');
  await page.fill('#f-expMonth', '12');
  await page.fill('#f-expYear', String(new Date().getFullYear() + 2));
  await page.fill('#f-cvc', '123');
  await page.fill('#f-holder', 'LIN XIAODENG');
  await page.click('[data-testid="place-order"]');
  await page.waitForURL(/\/orders\//);
}

async function expectPaidOrderWithTimeline(page: Page, title: string) {
  await expect
    .poll(() => page.locator('[data-testid="order-status"]').getAttribute('data-status'))
    .toBe('paid');
  const timeline = page.locator('[data-testid="order-timeline"]');
  expect(await timeline.locator('li').count()).toBeGreaterThanOrEqual(2);
  expect(await page.textContent('main')).toContain(title.slice(0, 6));
}

describe('shopper journey in Chromium', () => {
  it('a guest searches in Chinese, buys a variant with the sandbox card and sees the order timeline', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const { title } = await searchPickAndAddToCart(page);

    await fillGuestDetails(page, { email: 'guest-journey@example.com', recipient: '测试顾客' });
    await payWithTestCard(page);

    expect(await page.locator('[data-testid="order-confirmed"]').count()).toBe(1);
    await expectPaidOrderWithTimeline(page, title);

    // The order page is the guest's by its secret token in the URL; without it, it is not found.
    const orderUrl = new URL(page.url());
    expect(orderUrl.searchParams.get('token')).toBeTruthy();
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    const response = await strangerPage.goto(`${baseUrl}${orderUrl.pathname}`);
    expect(response!.status()).toBe(404);
    await stranger.close();
    await context.close();
  }, 90_000);

  it('a signed-in shopper does the same journey with a saved address and finds the order in the account', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/login`);
    await page.fill('#login-email', 'shopper@lantern.test');
    await page.fill('#login-password', 'lantern-shopper');
    await page.click('[data-testid="login-submit"]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    const { title } = await searchPickAndAddToCart(page);
    // The saved default address is preselected for a signed-in shopper.
    expect(await page.locator('input[name="savedAddressId"]:checked').count()).toBe(1);
    await payWithTestCard(page);
    await expectPaidOrderWithTimeline(page, title);
    const orderPath = new URL(page.url()).pathname;

    await page.goto(`${baseUrl}/account/orders`);
    const orders = page.locator('[data-testid="account-orders"]');
    expect(await orders.locator(`a[href^="${orderPath}"]`).count()).toBeGreaterThanOrEqual(1);
    await page.click(`a[href^="${orderPath}"]`);
    await expectPaidOrderWithTimeline(page, title);
    await context.close();
  }, 90_000);

  it('a guest without JavaScript pays with Alipay on the sandbox gateway page and comes back to the paid order', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent('蓝牙耳机')}`);
    await page.locator('[data-testid="results"] a').first().click();
    await page.waitForURL(/\/p\//);
    await page.click('[data-testid="add-to-cart"]');
    await page.waitForURL(/\/cart/);
    await page.click('[data-testid="go-to-checkout"]');
    await page.waitForURL(/\/checkout/);
    await fillGuestDetails(page, { email: 'wallet-journey@example.com', recipient: '钱包顾客' });
    await page.click('[data-testid="place-order-alipay"]');

    // The sandbox gateway's own page, clearly marked, with the order's amount.
    await page.waitForURL(/\/sandbox\/pay\/sbx_/);
    expect(await page.locator('[data-testid="sandbox-banner"]').textContent()).toContain('沙盒');
    expect(await page.locator('[data-testid="sandbox-amount"]').textContent()).toMatch(/¥/);
    await page.click('[data-testid="sandbox-approve"]');

    // Back at the shop: paid once the gateway's callback has landed (the page refreshes until then).
    await page.waitForURL(/\/orders\//);
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('[data-testid="order-status"]').getAttribute('data-status');
      })
      .toBe('paid');
    expect(await page.locator('[data-testid="order-confirmed"]').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('token')).toBeTruthy();
    await context.close();
  }, 90_000);
});
