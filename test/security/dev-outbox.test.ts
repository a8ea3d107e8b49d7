/**
 * Issue 7: a support agent could sign in as any shopper by requesting a phone code and reading it
 * in the development outbox of the admin. Now one-time codes and links are stored masked, no staff
 * route shows them, the development outbox is off unless `DEV_OUTBOX=1` (and then a banner on
 * every storefront and admin page says so), and without any way to send an SMS phone sign-in says
 * it is unavailable instead of pretending to send a code.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import { bearer, DEMO, devOutboxMessages, expectProblem, loginStaff } from './security-support.ts';

const DEMO_PHONE = '13800138000';
const off = await createTestApp();
const on = await createTestApp({ env: { DEV_OUTBOX: '1' } });

describe('the development outbox is off by default', () => {
  it('has no outbox page or API, for staff or anyone', async () => {
    const { app } = off;
    const agent = await loginStaff(app, DEMO.agent);
    for (const url of ['/dev/outbox', '/dev/outbox/messages', '/admin/outbox', '/admin/console/outbox']) {
      expect((await app.inject({ method: 'GET', url, headers: bearer(agent.token) })).statusCode, url).toBe(
        404,
      );
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('shows no development banner', async () => {
    const { app } = off;
    const page = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('data-testid="dev-outbox-banner"');
  });

  it('does not pretend to send a code it cannot deliver: the API says so, the login page hides the form', async () => {
    const { app, sql } = off;
    const before = await sql<{ n: number }[]>`select count(*)::int as n from one_time_codes`;
    expectProblem(
      await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: DEMO_PHONE } }),
      503,
      'sms_unavailable',
    );
    const after = await sql<{ n: number }[]>`select count(*)::int as n from one_time_codes`;
    expect(after[0]!.n).toBe(before[0]!.n);
    const login = await app.inject({ method: 'GET', url: '/login', headers: { cookie: 'lantern_prefs=en' } });
    expect(login.body).not.toContain('action="/login/code/request"');
    expect(login.body).toContain('data-testid="code-login-unavailable"');
  });
});

describe('with DEV_OUTBOX=1', () => {
  it('shows a banner on storefront and admin pages', async () => {
    const { app } = on;
    const merchant = await loginStaff(app, DEMO.merchant);
    for (const [url, headers] of [
      ['/', {}],
      ['/login', {}],
      ['/admin/login', {}],
      ['/admin', { cookie: `lantern_staff=${merchant.token}` }],
    ] as const) {
      const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('data-testid="dev-outbox-banner"');
      expect(page.body, url).toContain('href="/dev/outbox"');
    }
  });

  it("a support agent cannot obtain a shopper's code through any staff route; the developer page has it", async () => {
    const { app, sql } = on;
    const agent = await loginStaff(app, DEMO.agent);
    const asked = await app.inject({
      method: 'POST',
      url: '/store/auth/code',
      payload: { phone: DEMO_PHONE },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const [sms] = (await devOutboxMessages(app)).filter((m) => m.recipient === DEMO_PHONE);
    const code = sms!.body.match(/\b(\d{6})\b/)![1]!;

    // every staff screen and read the agent may open
    const [customer] = await sql<{ id: string }[]>`select id from customers where phone = ${DEMO_PHONE}`;
    const staffReads = [
      ...Object.entries((app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths)
        .filter(([path, methods]) => path.startsWith('/admin') && 'get' in methods)
        .map(([path]) => path.replace('{id}', customer!.id)),
      '/admin',
      '/admin/outbox',
      '/admin/console/outbox',
      '/admin/console/customers',
      `/admin/console/customers/${customer!.id}`,
      `/admin/console/customers?q=${DEMO_PHONE}`,
      '/admin/console/orders',
    ];
    for (const url of staffReads) {
      const res = await app.inject({ method: 'GET', url, headers: bearer(agent.token) });
      expect(res.body, url).not.toContain(code);
      const page = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: `lantern_staff=${agent.token}` },
      });
      expect(page.body, url).not.toContain(code);
    }
    // nor does the stored message hold it: the database keeps the text with the code masked
    const stored = await sql<
      { body: string }[]
    >`select body from notifications where recipient = ${DEMO_PHONE}`;
    expect(stored.length).toBeGreaterThan(0);
    for (const { body } of stored) expect(body).not.toContain(code);
    // while the developer's page, outside the admin, shows the message as sent
    const devPage = await app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(devPage.statusCode).toBe(200);
    expect(devPage.body).toContain(code);
  });
});
