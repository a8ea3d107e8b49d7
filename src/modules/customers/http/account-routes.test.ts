import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  devOutboxMessages,
  latestCode as latestCodeOf,
  latestRegistrationToken,
  registerThroughEmail,
} from '../../../../test/support.ts';
import { newId } from '../../../app/ids.ts';
import { hashPassword } from '../../identity/index.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });

beforeEach(async () => {
  app.deps.rateLimiter.reset();
  await sql`delete from login_failures`;
});

function cookieOf(
  res: { cookies: { name: string; value: string; httpOnly?: boolean; path?: string }[] },
  name = 'lantern_session',
) {
  return res.cookies.find((c) => c.name === name);
}

/** Registers and follows the emailed link (through the development outbox). */
async function register(email: string, password = 'correct horse battery') {
  const res = await registerThroughEmail(app, { email, password, name: 'Li Wei' });
  expect(res.statusCode).toBe(201);
  return res.json() as { token: string; csrfToken: string; customerId: string };
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

function latestCode(phone: string): Promise<string> {
  return latestCodeOf(app, phone);
}

describe('register, log in, log out', () => {
  it('registers with a lower-cased email and signs in with cookie flags set', async () => {
    const res = await registerThroughEmail(app, {
      email: 'Mei@Example.com',
      password: 'longenough',
      name: 'Mei',
    });
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'lantern_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const [row] = await sql`select email from customers where id = ${res.json().customerId}`;
    expect(row!.email).toBe('mei@example.com');
    const me = await app.inject({
      method: 'GET',
      url: '/store/account',
      cookies: { lantern_session: cookie.value },
    });
    expect(me.json()).toMatchObject({ email: 'mei@example.com', name: 'Mei', locale: 'zh-CN' });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('refuses a short password, a bad email and unknown fields; a taken email gets the same 202', async () => {
    const send = (payload: object) => app.inject({ method: 'POST', url: '/store/auth/register', payload });
    expect((await send({ email: 'a@example.com', password: 'short', name: 'A' })).statusCode).toBe(400);
    expect((await send({ email: 'not-an-email', password: 'longenough', name: 'A' })).json().code).toBe(
      'invalid_email',
    );
    expect(
      (await send({ email: 'a@example.com', password: 'longenough', name: 'A', isStaff: true })).statusCode,
    ).toBe(400);
    await register('dup@example.com');
    const dup = await send({ email: 'DUP@example.com', password: 'longenough', name: 'A' });
    expect(dup.statusCode).toBe(202);
    expect(dup.json()).toEqual({ status: 'check_email' });
  });

  it('answers an unknown email and a wrong password identically', async () => {
    await register('known@example.com');
    const login = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/store/auth/login',
        payload: { email, password: 'wrong password' },
      });
    const wrong = await login('known@example.com');
    const unknown = await login('nobody@example.com');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('logs in, rotates the session and logs out', async () => {
    await register('rotate@example.com');
    const guest = (await app.inject({ method: 'POST', url: '/store/sessions' })).json();
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      headers: bearer(guest.token),
      payload: { email: 'rotate@example.com', password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
    const { token } = login.json();
    expect(token).not.toBe(guest.token);
    const oldSession = await app.inject({
      method: 'GET',
      url: '/store/account',
      headers: bearer(guest.token),
    });
    expect(oldSession.statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/store/account', headers: bearer(token) })).statusCode,
    ).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/store/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/store/account', headers: bearer(token) })).statusCode,
    ).toBe(401);
  });

  it('limits password logins per account and address with a 429 problem', async () => {
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/store/auth/login',
        payload: { email: 'x@example.com', password: 'nope' },
      });
    for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
  });
});

describe("messages in the recipient's language", () => {
  const HAN = /\p{Script=Han}/u;
  async function newestTo(recipient: string) {
    const message = (await devOutboxMessages(app)).find((m) => m.recipient === recipient);
    expect(message, recipient).toBeDefined();
    return message!;
  }

  it('writes a registration in the language asked for, keeps it for the account, and tells the owner in theirs', async () => {
    const en = { 'accept-language': 'en-US,en;q=0.9' };
    const payload = { email: 'lang-en@example.com', password: 'correct horse battery', name: 'Ada' };
    expect(
      (await app.inject({ method: 'POST', url: '/store/auth/register', headers: en, payload })).statusCode,
    ).toBe(202);
    const link = await newestTo(payload.email);
    expect(link.subject).toBe('Finish creating your Lantern account');
    expect(link.body).not.toMatch(HAN);
    const token = await latestRegistrationToken(app, payload.email);
    const confirmed = await app.inject({
      method: 'POST',
      url: '/store/auth/register/confirm',
      payload: { token },
    });
    expect(confirmed.statusCode).toBe(201);
    const [account] = await sql<
      { locale: string }[]
    >`select locale from customers where email = ${payload.email}`;
    expect(account!.locale).toBe('en');

    // Someone registering the taken address from a Chinese browser: the owner reads English.
    await app.inject({
      method: 'POST',
      url: '/store/auth/register',
      headers: { 'accept-language': 'zh-CN' },
      payload,
    });
    const notice = await newestTo(payload.email);
    expect(notice.subject).toBe('Someone tried to register with your address');

    // Without Accept-Language the shop's default, 简体中文, and nothing in English but the brand.
    const zh = { ...payload, email: 'lang-zh@example.com' };
    await app.inject({ method: 'POST', url: '/store/auth/register', payload: zh });
    const zhLink = await newestTo(zh.email);
    expect(zhLink.subject).toBe('完成注册 Lantern 账户');
    expect(zhLink.body).not.toMatch(/\b(?:Open|link|hours|account)\b/);
  });

  it("sends a sign-in code in the account's language, else in the language of the request", async () => {
    const request = (phone: string, lang: string) =>
      app.inject({
        method: 'POST',
        url: '/store/auth/code',
        headers: { 'accept-language': lang },
        payload: { phone },
      });
    await request('13700000031', 'en');
    expect((await newestTo('13700000031')).body).toMatch(/^Your Lantern login code is \d{6}\./);
    await request('13700000032', 'zh-CN');
    expect((await newestTo('13700000032')).body).toMatch(/^您的 Lantern 登录验证码：\d{6}，/);
    await sql`insert into customers (id, phone, locale) values (${newId('cus')}, '13700000033', 'en')`;
    await request('13700000033', 'zh-CN');
    expect((await newestTo('13700000033')).body).toMatch(/^Your Lantern login code/);
  });
});

describe('CSRF on cookie sessions', () => {
  it('refuses a cookie write without the token and accepts it with the token', async () => {
    const { token, csrfToken } = await register('csrf@example.com');
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: '/store/account',
        cookies: { lantern_session: token },
        headers,
        payload: { name: 'New Name' },
      });
    const refused = await patch({});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_token_invalid');
    const accepted = await patch({ 'x-csrf-token': csrfToken });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().name).toBe('New Name');
  });
});

describe('login by phone code', () => {
  it('sends a code to the outbox and signs in, opening an account for a new phone', async () => {
    const phone = '13800138001';
    const sent = await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone } });
    expect(sent.statusCode).toBe(202);
    const code = await latestCode(phone);
    const res = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone, code },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await sql`select phone from customers where id = ${res.json().customerId}`;
    expect(row!.phone).toBe(phone);
    // single use
    const again = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone, code },
    });
    expect(again.statusCode).toBe(401);
  });

  it('answers a code request the same for known and unknown phones', async () => {
    await sql`insert into customers (id, phone) values (${newId('cus')}, '13800138002')`;
    const known = await app.inject({
      method: 'POST',
      url: '/store/auth/code',
      payload: { phone: '13800138002' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/store/auth/code',
      payload: { phone: '13800138003' },
    });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.body).toBe(unknown.body);
  });

  it('kills a code after five wrong attempts', async () => {
    const phone = '13800138004';
    await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone } });
    const code = await latestCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/store/auth/code/verify',
        payload: { phone, code: wrong },
      });
      expect(res.statusCode).toBe(401);
    }
    const right = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone, code },
    });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('code_attempts_exhausted');
  });

  it('limits code requests per phone', async () => {
    const ask = () =>
      app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: '13800138005' } });
    expect((await ask()).statusCode).toBe(202);
    expect((await ask()).statusCode).toBe(429);
  });
});

describe('addresses', () => {
  const address = {
    recipient: '李伟',
    phone: '13800138000',
    province: '浙江省',
    city: '杭州市',
    line1: '西湖区文三路 1 号',
  };

  it('creates, lists, sets default, updates and deletes own addresses', async () => {
    const { token } = await register('addr@example.com');
    const h = bearer(token);
    const a = (
      await app.inject({ method: 'POST', url: '/store/account/addresses', headers: h, payload: address })
    ).json();
    const b = (
      await app.inject({
        method: 'POST',
        url: '/store/account/addresses',
        headers: h,
        payload: { ...address, city: '宁波市' },
      })
    ).json();
    expect(a.isDefault).toBe(true);
    expect(b.isDefault).toBe(false);
    const setDefault = await app.inject({
      method: 'PATCH',
      url: `/store/account/addresses/${b.id}`,
      headers: h,
      payload: { isDefault: true, line1: '新地址' },
    });
    expect(setDefault.json()).toMatchObject({ isDefault: true, line1: '新地址', city: '宁波市' });
    const list = (await app.inject({ method: 'GET', url: '/store/account/addresses', headers: h })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);
    expect(
      (await app.inject({ method: 'DELETE', url: `/store/account/addresses/${b.id}`, headers: h }))
        .statusCode,
    ).toBe(200);
    const after = (await app.inject({ method: 'GET', url: '/store/account/addresses', headers: h })).json();
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ id: a.id, isDefault: true });
  });

  it("answers 404 for another customer's address, on read, change and delete", async () => {
    const owner = await register('owner@example.com');
    const other = await register('other@example.com');
    const mine = (
      await app.inject({
        method: 'POST',
        url: '/store/account/addresses',
        headers: bearer(owner.token),
        payload: address,
      })
    ).json();
    const h = bearer(other.token);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/store/account/addresses/${mine.id}`,
      headers: h,
      payload: { city: 'X' },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().code).toBe('address_not_found');
    expect(
      (await app.inject({ method: 'DELETE', url: `/store/account/addresses/${mine.id}`, headers: h }))
        .statusCode,
    ).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/store/account/addresses', headers: h })).json();
    expect(list.items).toEqual([]);
    const [row] = await sql`select city from addresses where id = ${mine.id}`;
    expect(row!.city).toBe('杭州市');
  });

  it('refuses a customer_id field in the body', async () => {
    const { token } = await register('mass@example.com');
    const res = await app.inject({
      method: 'POST',
      url: '/store/account/addresses',
      headers: bearer(token),
      payload: { ...address, customerId: 'cus_x' },
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('preferences', () => {
  it('saves valid preferences and refuses unknown values', async () => {
    const { token } = await register('prefs@example.com');
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/store/account/preferences', headers: bearer(token), payload });
    expect((await put({ locale: 'en', theme: 'dark' })).json()).toEqual({
      locale: 'en',
      theme: 'dark',
      density: 'comfortable',
    });
    expect((await put({ theme: 'neon' })).statusCode).toBe(400);
  });
});

describe('staff sessions', () => {
  async function createStaff(email: string, role: 'merchant' | 'agent' | 'admin') {
    await sql`insert into staff_users (id, email, name, role, password_hash)
      values (${newId('stf')}, ${email}, 'Staff', ${role}, ${await hashPassword('staff password')})`;
  }

  it('signs staff in with the lantern_staff cookie and never mixes with shopper sessions', async () => {
    await createStaff('agent@example.com', 'agent');
    const login = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      payload: { email: 'agent@example.com', password: 'staff password' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = cookieOf(login, 'lantern_staff')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.path).toBe('/');
    const me = await app.inject({
      method: 'GET',
      url: '/admin/auth/me',
      cookies: { lantern_staff: cookie.value },
    });
    expect(me.json()).toMatchObject({ email: 'agent@example.com', role: 'agent' });
    // a staff token is not a shopper session
    expect(
      (await app.inject({ method: 'GET', url: '/store/account', headers: bearer(login.json().token) }))
        .statusCode,
    ).toBe(401);
    // a shopper token is not a staff session
    const shopper = await register('shopper@example.com');
    expect(
      (await app.inject({ method: 'GET', url: '/admin/auth/me', headers: bearer(shopper.token) })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/orders', cookies: { lantern_session: shopper.token } }))
        .statusCode,
    ).toBe(401);
  });

  it('answers a wrong staff password like an unknown staff email', async () => {
    await createStaff('merchant@example.com', 'merchant');
    const wrong = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      payload: { email: 'merchant@example.com', password: 'nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      payload: { email: 'ghost@example.com', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('logs staff out, and never shows them the codes sent', async () => {
    await createStaff('reader@example.com', 'agent');
    await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: '13800138009' } });
    const { token } = (
      await app.inject({
        method: 'POST',
        url: '/admin/auth/login',
        payload: { email: 'reader@example.com', password: 'staff password' },
      })
    ).json();
    expect(
      (await app.inject({ method: 'GET', url: '/admin/outbox', headers: bearer(token) })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/admin/auth/logout', headers: bearer(token) })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the account, staff, development outbox and cart routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/store/auth/login',
      '/store/account/addresses/{id}',
      '/admin/auth/me',
      '/store/auth/register/confirm',
      '/dev/outbox/messages',
      '/store/cart/items',
    ])
      expect(paths).toContain(path);
  });
});

describe('more session rules', () => {
  async function staffToken(email: string) {
    await sql`insert into staff_users (id, email, name, role, password_hash)
      values (${newId('stf')}, ${email}, 'Staff', 'merchant', ${await hashPassword('staff password')})`;
    return (
      await app.inject({
        method: 'POST',
        url: '/admin/auth/login',
        payload: { email, password: 'staff password' },
      })
    ).json() as { token: string; csrfToken: string };
  }

  it('needs the staff CSRF token for cookie writes under /admin', async () => {
    const { token, csrfToken } = await staffToken('csrf-staff@example.com');
    const logout = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/admin/auth/logout', cookies: { lantern_staff: token }, headers });
    expect((await logout({})).statusCode).toBe(403);
    const out = await logout({ 'x-csrf-token': csrfToken });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'lantern_staff')?.value).toBe('');
  });

  it('ignores a shopper cookie under /admin, so staff can sign in from a shopping browser', async () => {
    const shopper = await register('browser@example.com');
    await sql`insert into staff_users (id, email, name, role, password_hash)
      values (${newId('stf')}, 'browser-staff@example.com', 'Staff', 'agent', ${await hashPassword('staff password')})`;
    const login = await app.inject({
      method: 'POST',
      url: '/admin/auth/login',
      cookies: { lantern_session: shopper.token },
      payload: { email: 'browser-staff@example.com', password: 'staff password' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('clears the session cookie at logout', async () => {
    const { token, csrfToken } = await register('bye@example.com');
    const out = await app.inject({
      method: 'POST',
      url: '/store/auth/logout',
      cookies: { lantern_session: token },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === 'lantern_session')?.value).toBe('');
    const [row] = await sql`select count(*)::int as n from sessions s join customers c on c.id = s.customer_id
      where c.email = 'bye@example.com'`;
    expect(row!.n).toBe(0);
  });

  it('refuses an expired code', async () => {
    const phone = '13800138006';
    await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone } });
    const code = await latestCode(phone);
    await sql`update one_time_codes set expires_at = now() - interval '1 second' where phone = ${phone}`;
    const res = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone, code },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_code');
  });

  it('signs an existing phone into its own account, and a newer code replaces the older', async () => {
    const id = newId('cus');
    await sql`insert into customers (id, phone, name) values (${id}, '13800138007', 'Phone Owner')`;
    await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: '138 0013 8007' } });
    const first = await latestCode('13800138007');
    app.deps.rateLimiter.reset();
    await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: '13800138007' } });
    const second = await latestCode('13800138007');
    if (first !== second) {
      const stale = await app.inject({
        method: 'POST',
        url: '/store/auth/code/verify',
        payload: { phone: '13800138007', code: first },
      });
      expect(stale.statusCode).toBe(401);
    }
    const res = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone: '13800138007', code: second },
    });
    expect(res.json().customerId).toBe(id);
  });
});
