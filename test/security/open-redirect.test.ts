/**
 * Issue 7: `/login?next=%2F%09%2Fevil.example` sent the browser to evil.example after sign-in (a
 * browser drops the tab and reads `//evil.example`), the same trick passed `returnTo` on POST
 * /consent, and `/.//x` (which a URL parser normalises to `//x`) passed POST /preferences. Every
 * redirect target that comes from input now goes through one helper; here every door is fed a
 * table of tricky targets and every answer must stay on the shop's own origin.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import { DEMO, loginStaff } from './security-support.ts';

const { app } = await createTestApp();
const SHOP = 'https://shop.example';

const TRICKY = [
  '/\t/evil.example',
  '/%09/evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\n/evil.example',
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  'https://evil.example',
  'https:evil.example',
  'javascript:alert(1)',
  '/x/../..//evil.example',
];

/**
 * Where a browser goes for this Location header: it drops tabs and newlines and reads a backslash
 * as a slash before resolving against the page's URL. Fails unless that stays on the shop.
 */
function expectStaysOnShop(res: LightMyRequestResponse, input: string) {
  expect([302, 303], `${JSON.stringify(input)}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(
    res.statusCode,
  );
  const location = String(res.headers.location);
  expect(location, JSON.stringify(input)).toMatch(/^\/(?![/\\])/);
  const asBrowserReadsIt = location.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');
  expect(new URL(asBrowserReadsIt, `${SHOP}/page`).origin, `${JSON.stringify(input)} → ${location}`).toBe(
    SHOP,
  );
}

function form(url: string, fields: Record<string, string>, cookie?: string) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });
}

describe('the three reported redirects', () => {
  it('/login?next=%2F%09%2Fevil.example signs in and stays on the shop', async () => {
    const page = await app.inject({ method: 'GET', url: '/login?next=%2F%09%2Fevil.example' });
    const next = page.body.match(/name="next" value="([^"]*)"/)?.[1] ?? '';
    const res = await form('/login', { ...DEMO.shopper, next: next.replace(/&#9;/g, '\t') });
    expectStaysOnShop(res, '/\t/evil.example');
    // and straight from the query string, without the page in between
    expectStaysOnShop(
      await form('/login', { ...DEMO.shopper, next: '/\t/evil.example' }),
      '/\t/evil.example',
    );
  });

  it('POST /consent with returnTo=/\\t/evil.example stays on the shop', async () => {
    expectStaysOnShop(await form('/consent', { choice: 'necessary', returnTo: '/\t/evil.example' }), '/\t/…');
  });

  it('POST /preferences with returnTo=/.//x stays on the shop', async () => {
    expectStaysOnShop(await form('/preferences', { locale: 'en', returnTo: '/.//x' }), '/.//x');
  });
});

describe('every door, every tricky target', () => {
  it('shopper sign-in (next)', async () => {
    for (const next of TRICKY) expectStaysOnShop(await form('/login', { ...DEMO.shopper, next }), next);
  });

  it('consent and preferences (returnTo)', async () => {
    for (const returnTo of TRICKY) {
      expectStaysOnShop(await form('/consent', { choice: 'necessary', returnTo }), returnTo);
      expectStaysOnShop(await form('/preferences', { theme: 'dark', returnTo }), returnTo);
    }
  });

  it('staff sign-in (next), the signed-in login page (next) and the console language switch (back)', async () => {
    const staff = await loginStaff(app, DEMO.merchant);
    for (const next of TRICKY) {
      expectStaysOnShop(await form('/admin/login', { ...DEMO.merchant, next }), next);
      expectStaysOnShop(await form('/admin/language', { lang: 'en', back: next }), next);
      const signedIn = await app.inject({
        method: 'GET',
        url: `/admin/login?next=${encodeURIComponent(next)}`,
        headers: { cookie: `lantern_staff=${staff.token}` },
      });
      if (signedIn.statusCode !== 400) expectStaysOnShop(signedIn, next);
    }
  });

  it('a plain local path is kept, with its query', async () => {
    const res = await form('/preferences', { theme: 'light', returnTo: '/c/tea?page=2' });
    expect(res.headers.location).toBe('/c/tea?page=2');
    const admin = await form('/admin/language', { lang: 'en', back: '/admin/console/orders?status=paid' });
    expect(admin.headers.location).toBe('/admin/console/orders?status=paid');
  });
});
