/**
 * Issue 2, point 9: HttpOnly SameSite cookies, CSRF on cookie-authenticated writes, cross-site
 * writes refused, bearer clients free of CSRF, logout that really ends the session, login that
 * rotates it, and answers that do not tell known accounts from unknown ones.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  bearer,
  DEMO,
  expectProblem,
  expectRefusedUnchanged,
  fingerprint,
  guestSession,
  loginShopper,
  loginStaff,
  sellableVariant,
} from './security-support.ts';

const { app, sql } = await createTestApp();
const item = await sellableVariant(sql, 10);
beforeEach(() => app.deps.rateLimiter.reset());

function cookieOf(res: LightMyRequestResponse, name: string) {
  const cookie = res.cookies.find((c) => c.name === name);
  expect(cookie, `${name} cookie`).toBeDefined();
  return cookie as {
    name: string;
    value: string;
    httpOnly?: boolean;
    sameSite?: string;
    path?: string;
    maxAge?: number;
  };
}

/** Signs in through the API the way a browser does, keeping the cookie. */
async function browserLogin(
  url = '/store/auth/login',
  who = DEMO.shopper,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({ method: 'POST', url, payload: who, headers });
  expect(res.statusCode, res.body).toBe(200);
  const name = url.startsWith('/admin') ? 'lantern_staff' : 'lantern_session';
  return { res, cookie: `${name}=${cookieOf(res, name).value}`, csrfToken: res.json().csrfToken as string };
}

function addToCart(headers: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: '/store/cart/items',
    headers,
    payload: { variantId: item.variantId, quantity: 1 },
  });
}

describe('session cookies', () => {
  it('shopper, staff and guest cookies are HttpOnly, SameSite=Lax, path / and expire', async () => {
    const shopper = await browserLogin();
    const staff = await browserLogin('/admin/auth/login', DEMO.merchant);
    const guestAdd = await addToCart({});
    expect(guestAdd.statusCode).toBe(200);
    for (const cookie of [
      cookieOf(shopper.res, 'lantern_session'),
      cookieOf(staff.res, 'lantern_staff'),
      cookieOf(guestAdd, 'lantern_session'),
    ]) {
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.maxAge).toBeGreaterThan(0);
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('personal answers are never cacheable by a shared cache', async () => {
    const shopper = await loginShopper(app);
    for (const url of ['/store/cart', '/store/account', '/store/orders', '/store/account/addresses']) {
      const res = await app.inject({ method: 'GET', url, headers: bearer(shopper.token) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control'], url).toMatch(/no-store/);
    }
  });

  it('a shopper cookie means nothing under /admin and a staff cookie nothing under /store', async () => {
    const shopper = await browserLogin();
    const staff = await browserLogin('/admin/auth/login', DEMO.merchant);
    expectProblem(
      await app.inject({ method: 'GET', url: '/admin/auth/me', headers: { cookie: shopper.cookie } }),
      401,
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/store/account', headers: { cookie: staff.cookie } }),
      401,
    );
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('a cookie write without the CSRF token, or with a wrong or foreign one, is a 403 problem and changes nothing', async () => {
    const alice = await browserLogin();
    const other = await guestSession(app);
    await expectRefusedUnchanged(sql, () => addToCart({ cookie: alice.cookie }), 403, 'csrf_token_invalid');
    await expectRefusedUnchanged(
      sql,
      () => addToCart({ cookie: alice.cookie, 'x-csrf-token': 'x'.repeat(43) }),
      403,
      'csrf_token_invalid',
    );
    await expectRefusedUnchanged(
      sql,
      () => addToCart({ cookie: alice.cookie, 'x-csrf-token': other.csrfToken }),
      403,
      'csrf_token_invalid',
    );
    await expectRefusedUnchanged(
      sql,
      () => app.inject({ method: 'POST', url: '/store/auth/logout', headers: { cookie: alice.cookie } }),
      403,
      'csrf_token_invalid',
    );
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'PUT',
          url: '/store/account/preferences',
          headers: { cookie: alice.cookie },
          payload: { theme: 'dark' },
        }),
      403,
      'csrf_token_invalid',
    );
    // with its own token the same write goes through (so the refusals were about the token)
    expect((await addToCart({ cookie: alice.cookie, 'x-csrf-token': alice.csrfToken })).statusCode).toBe(200);
  });

  it('staff cookie writes need the staff CSRF token, not the shopper one', async () => {
    const shopper = await browserLogin();
    const staff = await browserLogin('/admin/auth/login', DEMO.merchant);
    const [level] =
      await sql`select warehouse_id from stock_levels where variant_id = ${item.variantId} limit 1`;
    const adjust = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/admin/inventory/adjustments',
        headers: { cookie: `${staff.cookie}; ${shopper.cookie}`, ...headers },
        payload: { variantId: item.variantId, warehouseId: level!.warehouse_id, delta: 1, reason: 'count' },
      });
    await expectRefusedUnchanged(sql, () => adjust({}), 403, 'csrf_token_invalid');
    await expectRefusedUnchanged(
      sql,
      () => adjust({ 'x-csrf-token': shopper.csrfToken }),
      403,
      'csrf_token_invalid',
    );
    expect((await adjust({ 'x-csrf-token': staff.csrfToken })).statusCode).toBe(200);
  });

  it('a cross-site write is refused even with a valid cookie and token', async () => {
    const alice = await browserLogin();
    const valid = { cookie: alice.cookie, 'x-csrf-token': alice.csrfToken };
    await expectRefusedUnchanged(
      sql,
      () => addToCart({ ...valid, origin: 'https://evil.example' }),
      403,
      'cross_site_request',
    );
    await expectRefusedUnchanged(
      sql,
      () => addToCart({ ...valid, 'sec-fetch-site': 'cross-site' }),
      403,
      'cross_site_request',
    );
    // a login form posted from another site cannot plant a session either (login CSRF)
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/auth/login',
          payload: DEMO.shopper,
          headers: { origin: 'https://evil.example' },
        }),
      403,
      'cross_site_request',
    );
    // `Origin: null` (a sandboxed frame hiding where it posts from) counts as cross-site
    await expectRefusedUnchanged(
      sql,
      () => addToCart({ ...valid, origin: 'null' }),
      403,
      'cross_site_request',
    );
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/auth/login',
          payload: DEMO.shopper,
          headers: { origin: 'null' },
        }),
      403,
      'cross_site_request',
    );
    // same-origin is fine
    expect(
      (await addToCart({ ...valid, origin: 'http://localhost:3000', host: 'localhost:3000' })).statusCode,
    ).toBe(200);
  });

  it('bearer-token writes need no CSRF token (nothing ambient to forge)', async () => {
    const api = await loginShopper(app);
    expect((await addToCart(bearer(api.token))).statusCode).toBe(200);
  });

  it('GET never changes state: reading a cart or the account as anyone writes nothing', async () => {
    const alice = await browserLogin();
    const before = await fingerprint(sql);
    for (const headers of [{}, { cookie: alice.cookie }]) {
      for (const url of [
        '/store/cart',
        '/store/account',
        '/store/orders',
        '/store/checkout/quote?deliveryOption=standard',
      ])
        await app.inject({ method: 'GET', url, headers });
    }
    expectProblem(
      await app.inject({ method: 'GET', url: '/store/auth/logout', headers: { cookie: alice.cookie } }),
      404,
    );
    expect(await fingerprint(sql)).toEqual(before);
  });
});

describe('logout and login', () => {
  it('shopper logout deletes the session: the old token and cookie no longer work', async () => {
    const alice = await browserLogin();
    const out = await app.inject({
      method: 'POST',
      url: '/store/auth/logout',
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect(cookieOf(out, 'lantern_session').value).toBe('');
    expectProblem(
      await app.inject({ method: 'GET', url: '/store/account', headers: { cookie: alice.cookie } }),
      401,
    );
    expectProblem(
      await app.inject({
        method: 'GET',
        url: '/store/account',
        headers: bearer(alice.cookie.split('=')[1]!),
      }),
      401,
    );
  });

  it('staff logout deletes the staff session', async () => {
    const staff = await browserLogin('/admin/auth/login', DEMO.merchant);
    const out = await app.inject({
      method: 'POST',
      url: '/admin/auth/logout',
      headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expectProblem(
      await app.inject({ method: 'GET', url: '/admin/auth/me', headers: { cookie: staff.cookie } }),
      401,
    );
  });

  it('login rotates the session: a token planted before login is worthless after it, the guest cart moves over', async () => {
    const planted = await addToCart({});
    const guestCookie = `lantern_session=${cookieOf(planted, 'lantern_session').value}`;
    const [guestRow] = await sql<{ csrf: string }[]>`
      select csrf_token as csrf from sessions order by created_at desc limit 1`;
    const csrf = guestRow!.csrf;
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: DEMO.shopper,
      headers: { cookie: guestCookie, 'x-csrf-token': csrf },
    });
    expect(login.statusCode, login.body).toBe(200);
    const fresh = cookieOf(login, 'lantern_session').value;
    expect(`lantern_session=${fresh}`).not.toBe(guestCookie);
    expect(login.json().csrfToken).not.toBe(csrf);
    // the planted guest token no longer names any session
    const cart = await app.inject({ method: 'GET', url: '/store/cart', headers: { cookie: guestCookie } });
    expect(cart.json().lines).toEqual([]);
    expectProblem(
      await app.inject({ method: 'GET', url: '/store/account', headers: { cookie: guestCookie } }),
      401,
    );
    const mine = await app.inject({
      method: 'GET',
      url: '/store/cart',
      headers: { cookie: `lantern_session=${fresh}` },
    });
    expect(JSON.stringify(mine.json())).toContain(item.variantId);
  });

  it('staff login replaces a staff session already on the browser', async () => {
    const first = await browserLogin('/admin/auth/login', DEMO.merchant);
    // a browser still holding the first cookie signs in again (a cookie write, so with its CSRF token)
    const second = await browserLogin('/admin/auth/login', DEMO.merchant, {
      cookie: first.cookie,
      'x-csrf-token': first.csrfToken,
    });
    expect(second.cookie).not.toBe(first.cookie);
    expectProblem(
      await app.inject({ method: 'GET', url: '/admin/auth/me', headers: { cookie: first.cookie } }),
      401,
    );
    expect(
      (await app.inject({ method: 'GET', url: '/admin/auth/me', headers: { cookie: second.cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('a disabled staff member is signed out at once', async () => {
    const staff = await loginStaff(app, DEMO.merchant);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/auth/me', headers: bearer(staff.token) })).statusCode,
    ).toBe(200);
    await sql`update staff_users set is_active = false where email = ${DEMO.merchant.email}`;
    try {
      expectProblem(
        await app.inject({ method: 'GET', url: '/admin/auth/me', headers: bearer(staff.token) }),
        401,
      );
      expectProblem(
        await app.inject({ method: 'POST', url: '/admin/auth/login', payload: DEMO.merchant }),
        401,
      );
    } finally {
      await sql`update staff_users set is_active = true where email = ${DEMO.merchant.email}`;
    }
  });

  it('an expired session is not accepted', async () => {
    const alice = await loginShopper(app);
    await sql`update sessions set expires_at = now() - interval '1 second' where csrf_token = ${alice.csrfToken}`;
    expectProblem(
      await app.inject({ method: 'GET', url: '/store/account', headers: bearer(alice.token) }),
      401,
    );
  });

  it('a wrong password and an unknown account get the same answer, and no session', async () => {
    const before = await fingerprint(sql);
    const wrong = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { ...DEMO.shopper, password: 'nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { email: 'nobody@lantern.test', password: 'nope-nope' },
    });
    expectProblem(wrong, 401);
    const strip = (r: LightMyRequestResponse) => ({ ...r.json(), instance: undefined });
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(wrong.statusCode).toBe(unknown.statusCode);
    const staffWrong = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      payload: { ...DEMO.merchant, password: 'nope-nope' },
    });
    const staffUnknown = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      payload: { email: 'nobody@lantern.test', password: 'nope-nope' },
    });
    expect(strip(staffWrong)).toEqual(strip(staffUnknown));
    // nothing changed but the four failures counted by the sign-in limits
    const { login_failures: failuresBefore, ...restBefore } = before;
    const { login_failures: failuresAfter, ...restAfter } = await fingerprint(sql);
    expect(restAfter).toEqual(restBefore);
    expect(Number(failuresAfter!.split(':')[0]) - Number(failuresBefore!.split(':')[0])).toBe(4);
  });

  it('a wrong password costs the same work as an unknown account (one argon2 verification each)', async () => {
    // Deterministic instead of a stopwatch: count the verifications on /metrics.
    const verifications = async () => {
      const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      const line = text.split('\n').find((l) => l.startsWith('lantern_password_verifications_total '));
      expect(line, 'lantern_password_verifications_total on /metrics').toBeDefined();
      return Number(line!.split(' ')[1]);
    };
    const costOf = async (url: string, email: string) => {
      const before = await verifications();
      await app.inject({ method: 'POST', url, payload: { email, password: 'wrong-password' } });
      return (await verifications()) - before;
    };
    for (const url of ['/store/auth/login', '/admin/auth/login']) {
      const known = await costOf(url, url.startsWith('/admin') ? DEMO.merchant.email : DEMO.shopper.email);
      const unknown = await costOf(url, 'nobody-at-all@lantern.test');
      expect(known, url).toBe(1);
      expect(unknown, url).toBe(1);
    }
    // an account without a password (phone sign-in only) costs the same too
    await sql`insert into customers (id, email, phone)
      values ('cus_phoneonly00000000', 'phone-only@lantern.test', '13100131000')`;
    expect(await costOf('/store/auth/login', 'phone-only@lantern.test')).toBe(1);
  });
});
