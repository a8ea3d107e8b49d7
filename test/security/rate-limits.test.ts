/**
 * Issue 2, point 9: rate limits on password login, one-time code requests and verification, and
 * checkout. Over the limit the answer is a 429 problem that says when to retry (body and
 * Retry-After header), and the refused attempt does nothing, not even with the right password.
 * The password limits themselves (per account, address and device, stored in PostgreSQL) are
 * proven in `login-throttling.test.ts`.
 */
import type { LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/app/ids.ts';
import { buildCustomer } from '../../src/modules/customers/testing.ts';
import { createTestApp, latestCode } from '../support.ts';
import {
  bearer,
  DEMO,
  expectProblem,
  expectRefusedUnchanged,
  guestSession,
  idempotencyKey,
} from './security-support.ts';

const { app, sql } = await createTestApp({ env: { DEV_OUTBOX: '1' } });
beforeEach(async () => {
  app.deps.rateLimiter.reset();
  await sql`delete from login_failures`;
});

/** A 429 `rate_limited` problem with a retry time in the body and the Retry-After header. */
function expectRateLimited(res: LightMyRequestResponse, windowSeconds: number) {
  const problem = expectProblem(res, 429, 'rate_limited');
  const seconds = problem.retryAfterSeconds as number;
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers['retry-after']).toBe(String(seconds));
  expect(problem.detail).toContain(`${seconds} s`);
}

function login(url: string, payload: { email: string; password: string }, remoteAddress = '10.1.0.1') {
  return app.inject({ method: 'POST', url, payload, remoteAddress });
}

describe('password login', () => {
  for (const [who, url, account] of [
    ['shopper', '/store/auth/login', DEMO.shopper],
    ['staff', '/admin/auth/login', DEMO.merchant],
  ] as const) {
    it(`${who}: after five failures from one address each next try waits longer, even with the right password, and opens no session`, async () => {
      for (let i = 0; i < 5; i++)
        expectProblem(await login(url, { ...account, password: `wrong-${i}` }, '10.2.0.1'), 401);
      // five more failures, each after its wait (time moved by shifting the stored failures), so
      // the next wait (32 s) outlasts this test's own checks
      for (let i = 5; i < 10; i++) {
        const wait = expectProblem(await login(url, account, '10.2.0.1'), 429).retryAfterSeconds as number;
        await sql`update login_failures set failed_at = failed_at - make_interval(secs => ${wait})`;
        expectProblem(await login(url, { ...account, password: `wrong-${i}` }, '10.2.0.1'), 401);
      }
      const problem = await expectRefusedUnchanged(
        sql,
        () => login(url, account, '10.2.0.1'),
        429,
        'rate_limited',
      );
      expect(problem.retryAfterSeconds).toBeGreaterThan(0);
      expectRateLimited(await login(url, account, '10.2.0.1'), 32);
    });

    it(`${who}: thirty failures per address in ten minutes across accounts`, async () => {
      for (let i = 0; i < 30; i++)
        expectProblem(await login(url, { email: `guess-${i}@lantern.test`, password: 'guess-guess' }), 401);
      expectRateLimited(await login(url, account), 600);
    });
  }

  it('the limits are per account and address: another account from another address still signs in', async () => {
    for (let i = 0; i < 6; i++)
      await login('/store/auth/login', { ...DEMO.shopper, password: 'wrong-pass' }, '10.3.0.1');
    const fresh = {
      email: `fresh-${newId('cus').slice(4, 12)}@example.com`,
      password: 'a long fresh password',
    };
    await buildCustomer(sql, fresh);
    expect((await login('/store/auth/login', fresh, '10.3.1.2')).statusCode).toBe(200);
  });
});

describe('one-time codes', () => {
  const phone = '13900139000';

  it('one code request per phone a minute: the second is a 429 and sends no SMS', async () => {
    const first = await app.inject({
      method: 'POST',
      url: '/store/auth/code',
      payload: { phone },
      remoteAddress: '10.4.0.1',
    });
    expect(first.statusCode).toBe(202);
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/auth/code',
          payload: { phone },
          remoteAddress: '10.4.0.2',
        }),
      429,
      'rate_limited',
    );
    expectRateLimited(
      await app.inject({
        method: 'POST',
        url: '/store/auth/code',
        payload: { phone: `+86 ${phone}` },
        remoteAddress: '10.4.0.3',
      }),
      60,
    );
  });

  it('the same phone typed as +86 or 0086 shares the limit and signs in to the same account', async () => {
    const demoPhone = '13800138000';
    for (const typed of [demoPhone, '+86 138 0013 8000', '0086-138-0013-8000']) {
      const res = await app.inject({
        method: 'POST',
        url: '/store/auth/code',
        payload: { phone: typed },
        remoteAddress: '10.6.0.1',
      });
      if (typed === demoPhone) expect(res.statusCode).toBe(202);
      else expectRateLimited(res, 60);
    }
    const code = await latestCode(app, demoPhone);
    const verify = await app.inject({
      method: 'POST',
      url: '/store/auth/code/verify',
      payload: { phone: '+86 138 0013 8000', code },
      remoteAddress: '10.6.0.2',
    });
    expect(verify.statusCode, verify.body).toBe(200);
    const [demo] = await sql<{ id: string }[]>`select id from customers where email = ${DEMO.shopper.email}`;
    expect(verify.json().customerId).toBe(demo!.id);
    const [count] = await sql<
      { n: number }[]
    >`select count(*)::int as n from customers where phone like '%13800138000'`;
    expect(count!.n).toBe(1);
  });

  it('ten code requests per address per ten minutes across phones', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/store/auth/code',
        payload: { phone: `1370000000${i}` },
      });
      expect(res.statusCode).toBe(202);
    }
    expectRateLimited(
      await app.inject({ method: 'POST', url: '/store/auth/code', payload: { phone: '13711111111' } }),
      600,
    );
  });

  it('ten verifications per phone per ten minutes: the eleventh is a 429 even from a new address', async () => {
    await app.inject({
      method: 'POST',
      url: '/store/auth/code',
      payload: { phone },
      remoteAddress: '10.5.0.1',
    });
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/store/auth/code/verify',
        payload: { phone, code: String(100_000 + i) },
        remoteAddress: `10.5.1.${i + 1}`,
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(429);
    }
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/auth/code/verify',
          payload: { phone, code: '123456' },
          remoteAddress: '10.5.2.1',
        }),
      429,
      'rate_limited',
    );
  });

  it('verifications are limited per address too, across phones', async () => {
    for (let i = 0; i < 10; i++)
      await app.inject({
        method: 'POST',
        url: '/store/auth/code/verify',
        payload: { phone: `1360000000${i}`, code: '000000' },
      });
    expectRateLimited(
      await app.inject({
        method: 'POST',
        url: '/store/auth/code/verify',
        payload: { phone: '13611111111', code: '000000' },
      }),
      60,
    );
  });
});

describe('checkout', () => {
  it('twenty checkout attempts per session a minute; the twenty-first is a 429 and places nothing', async () => {
    const guest = await guestSession(app);
    const attempt = () =>
      app.inject({
        method: 'POST',
        url: '/store/checkout/orders',
        headers: { ...bearer(guest.token), 'idempotency-key': idempotencyKey('limit') },
        payload: {
          email: 'a@example.com',
          phone: '13800138000',
          savedAddressId: 'adr_x',
          deliveryOption: 'standard',
        },
      });
    for (let i = 0; i < 20; i++) expect((await attempt()).statusCode).toBeLessThan(429);
    await expectRefusedUnchanged(sql, attempt, 429, 'rate_limited');
    expectRateLimited(await attempt(), 60);
  });

  it('payment attempts on one order count against the same limit', async () => {
    const guest = await guestSession(app);
    const pay = () =>
      app.inject({
        method: 'POST',
        url: '/store/orders/ord_0000000000000000/payments',
        headers: {
          ...bearer(guest.token),
          'x-order-token': 'y'.repeat(43),
          'idempotency-key': idempotencyKey('pay'),
        },
        payload: { method: 'alipay' },
      });
    for (let i = 0; i < 20; i++) expectProblem(await pay(), 404);
    expectRateLimited(await pay(), 60);
  });
});
