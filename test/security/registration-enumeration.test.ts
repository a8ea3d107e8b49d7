/**
 * Issue 7: registration told whether an email has an account (409 email_taken). Now both answer
 * 202 "check your email" with the same body and the same work (one argon2 hash, one email); the
 * new address gets a link that finishes the account, the owner of an existing one is told by
 * email that someone tried, and nothing changes about their account.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  bearer,
  DEMO,
  devOutboxMessages,
  expectProblem,
  latestRegistrationToken,
} from './security-support.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });

/** The value of a Prometheus counter on /metrics (0 when absent). */
async function counter(target: FastifyInstance, name: string): Promise<number> {
  const text = (await target.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/** What a registration costs: argon2 hashes and verifications, and emails recorded. */
async function costOf(request: () => Promise<LightMyRequestResponse>) {
  const before = {
    hashes: await counter(app, 'lantern_password_hashes_total'),
    verifications: await counter(app, 'lantern_password_verifications_total'),
    emails: (
      await sql<{ n: number }[]>`select count(*)::int as n from notifications where channel = 'email'`
    )[0]!.n,
  };
  const res = await request();
  return {
    res,
    hashes: (await counter(app, 'lantern_password_hashes_total')) - before.hashes,
    verifications: (await counter(app, 'lantern_password_verifications_total')) - before.verifications,
    emails:
      (await sql<{ n: number }[]>`select count(*)::int as n from notifications where channel = 'email'`)[0]!
        .n - before.emails,
  };
}

function register(email: string, password = 'an attacker password') {
  return app.inject({
    method: 'POST',
    url: '/store/auth/register',
    payload: { email, password, name: 'Someone' },
  });
}

describe('registration does not tell whether an email has an account', () => {
  it('the API answers a taken and a free email alike, at the same cost', async () => {
    const taken = await costOf(() => register(DEMO.shopper.email));
    const free = await costOf(() => register('brand-new@example.com'));
    for (const attempt of [taken, free]) {
      expect(attempt.res.statusCode, attempt.res.body).toBe(202);
      expect(attempt.res.json()).toEqual({ status: 'check_email' });
      expect(attempt.res.cookies.map((c) => c.name)).toEqual([]);
      expect(attempt.hashes).toBe(1);
      expect(attempt.emails).toBe(1);
    }
    expect(taken.verifications).toBe(free.verifications);
    expect(taken.res.headers['content-type']).toBe(free.res.headers['content-type']);
  });

  it('the owner is told by email instead, and their account is untouched', async () => {
    await register(DEMO.shopper.email, 'attacker chose this');
    const [mail] = (await devOutboxMessages(app)).filter((m) => m.recipient === DEMO.shopper.email);
    expect(mail!.channel).toBe('email');
    // In the owner's language (the demo shopper's is 简体中文), not the one who tried.
    expect(mail!.body).toContain('您已经有账户了');
    expect(mail!.body).toContain('/login');
    expect(mail!.body).not.toMatch(/register\/confirm/);
    const attacker = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { email: DEMO.shopper.email, password: 'attacker chose this' },
    });
    expectProblem(attacker, 401, 'invalid_credentials');
    const owner = await app.inject({ method: 'POST', url: '/store/auth/login', payload: DEMO.shopper });
    expect(owner.statusCode).toBe(200);
  });

  it('a new shopper finishes with the emailed link (once), then is signed in', async () => {
    const email = 'finishes@example.com';
    expect((await register(email, 'my own long password')).statusCode).toBe(202);
    const token = await latestRegistrationToken(app, email);
    // the link's secret is delivered but not stored readable
    const stored = await sql<{ body: string }[]>`select body from notifications where recipient = ${email}`;
    for (const { body } of stored) expect(body).not.toContain(token);
    const done = await app.inject({
      method: 'POST',
      url: '/store/auth/register/confirm',
      payload: { token },
    });
    expect(done.statusCode, done.body).toBe(201);
    const me = await app.inject({ method: 'GET', url: '/store/account', headers: bearer(done.json().token) });
    expect(me.json()).toMatchObject({ email, name: 'Someone' });
    expectProblem(
      await app.inject({ method: 'POST', url: '/store/auth/register/confirm', payload: { token } }),
      400,
      'registration_link_invalid',
    );
    const login = await app.inject({
      method: 'POST',
      url: '/store/auth/login',
      payload: { email, password: 'my own long password' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('the storefront form shows the same page for a taken and a free email', async () => {
    const post = (email: string) =>
      app.inject({
        method: 'POST',
        url: '/register',
        payload: new URLSearchParams({ name: 'Someone', email, password: 'long enough pw' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'lantern_prefs=en' },
      });
    const taken = await post(DEMO.shopper.email);
    const free = await post('form-new@example.com');
    const strip = (body: string) =>
      body
        .replace(/name="_csrf" value="[^"]*"/g, '')
        .replace(/(taken|free)@|form-new@example\.com|shopper@lantern\.test/g, '');
    expect(taken.statusCode).toBe(free.statusCode);
    expect(taken.statusCode).toBe(200);
    expect(strip(taken.body)).toBe(strip(free.body));
    expect(taken.body).toContain('data-testid="register-check-email"');
  });
});

describe('without a way to send email', () => {
  it('registration says it is unavailable, the same for every address', async () => {
    const { app: quiet } = await createTestApp();
    for (const email of [DEMO.shopper.email, 'nobody-yet@example.com']) {
      expectProblem(
        await quiet.inject({
          method: 'POST',
          url: '/store/auth/register',
          payload: { email, password: 'long enough pw', name: 'X' },
        }),
        503,
        'email_unavailable',
      );
    }
    const page = await quiet.inject({
      method: 'GET',
      url: '/register',
      headers: { cookie: 'lantern_prefs=en' },
    });
    expect(page.body).toContain('data-testid="register-unavailable"');
  });
});
