/** The console shell: sign-in, sessions, roles, CSRF and caching, over real HTTP and PostgreSQL. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { createSession } from '../../modules/identity/index.ts';
import { type Browser, buildStaff, STAFF_PASSWORD, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

const SCREENS = [
  '/admin',
  '/admin/console/products',
  '/admin/console/inventory',
  '/admin/console/orders',
  '/admin/console/customers',
  '/admin/console/event-queue',
];

describe('admin console sign-in', () => {
  it('shows the login form with a password field, uncached', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body).toContain('type="password"');
    expect(res.body).toContain('action="/admin/login"');
  });

  it('answers a wrong password in the page, without a session cookie', async () => {
    const email = await buildStaff(sql, 'merchant');
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: new URLSearchParams({ email, password: 'wrong password' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'lantern_admin_lang=en' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('The email or password is not correct.');
    expect(res.body).toContain(`value="${email}"`);
    expect(res.cookies.find((c) => c.name === 'lantern_staff')).toBeUndefined();
  });

  it('rate-limits password attempts and says so in the page', async () => {
    const email = await buildStaff(sql, 'merchant');
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/admin/login',
        remoteAddress: '203.0.113.9',
        payload: new URLSearchParams({ email, password: 'guess' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'lantern_admin_lang=en' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    expect((await attempt()).body).toContain('Too many attempts');
  });

  it('redirects every screen to the login page without a session', async () => {
    for (const url of SCREENS) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('signs in, returns to the page asked for, and signs out', async () => {
    const email = await buildStaff(sql, 'merchant');
    const login = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: new URLSearchParams({
        email,
        password: 'correct horse battery staple',
        next: '/admin/console/orders',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin/console/orders?done=signed_in');
    const staff = login.cookies.find((c) => c.name === 'lantern_staff')!;
    expect(staff.httpOnly).toBe(true);
    const browser = await signIn(app, email);
    const out = await browser.post('/admin/logout', { _csrf: browser.csrf });
    expect(out.statusCode).toBe(303);
    expect((await browser.get('/admin')).statusCode).toBe(303);
  });

  it('ignores a shopper cookie at sign-in and refuses a cross-site sign-in', async () => {
    const email = await buildStaff(sql, 'merchant');
    const { token } = await createSession(sql, { kind: 'shopper' });
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/admin/login',
        payload: new URLSearchParams({ email, password: STAFF_PASSWORD }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    expect((await post({ cookie: `lantern_session=${token}` })).statusCode).toBe(303);
    const crossSite = await post({ origin: 'https://evil.example', host: 'localhost' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.cookies.find((c) => c.name === 'lantern_staff')).toBeUndefined();
  });

  it('never redirects off the console after sign-in', async () => {
    const email = await buildStaff(sql, 'merchant');
    const login = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: new URLSearchParams({
        email,
        password: 'correct horse battery staple',
        next: '//evil.example/admin',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(login.headers.location).toBe('/admin?done=signed_in');
  });
});

describe('admin console screens', () => {
  let merchant: Browser;
  let agent: Browser;
  beforeAll(async () => {
    merchant = await signIn(app, await buildStaff(sql, 'merchant'));
    agent = await signIn(app, await buildStaff(sql, 'agent'));
  });

  it('serves every screen to a merchant, private and uncached', async () => {
    for (const url of SCREENS) {
      const res = await merchant.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('private, no-store');
      expect(res.body, url).toContain('<main id="main">');
    }
  });

  it('shows an agent only the screens of the role', async () => {
    const home = await agent.get('/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/admin/console/orders"');
    expect(home.body).not.toContain('href="/admin/console/products"');
    expect((await agent.get('/admin/console/products')).statusCode).toBe(403);
    expect((await agent.get('/admin/console/inventory')).statusCode).toBe(403);
    expect((await agent.get('/admin/console/customers')).statusCode).toBe(200);
    // codes and links are never shown to staff: there is no outbox in the console
    expect((await agent.get('/admin/console/outbox')).statusCode).toBe(404);
  });

  it('refuses a POST without the CSRF token', async () => {
    const res = await merchant.post('/admin/logout', {});
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect((await merchant.get('/admin')).statusCode).toBe(200);
  });

  it('switches the language to English and back', async () => {
    const res = await merchant.post('/admin/language', {
      _csrf: merchant.csrf,
      lang: 'en',
      back: '/admin/console/orders',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/console/orders');
    const lang = res.cookies.find((c) => c.name === 'lantern_admin_lang')!;
    const page = await app.inject({
      method: 'GET',
      url: '/admin/console/orders',
      headers: { cookie: `${merchant.cookie}; lantern_admin_lang=${lang.value}` },
    });
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Orders');
  });

  it('serves its stylesheet with an immutable, content-hashed URL', async () => {
    const page = await merchant.get('/admin');
    const href = page.body.match(/href="(\/admin\/assets\/admin\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(href).toBeDefined();
    const css = await app.inject({ method: 'GET', url: href! });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-type']).toContain('text/css');
    expect(
      (await app.inject({ method: 'GET', url: '/admin/assets/admin.000000000000.css' })).statusCode,
    ).toBe(404);
  });
});
