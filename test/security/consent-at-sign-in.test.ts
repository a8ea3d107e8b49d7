/**
 * Issue 7: signing in silently replaced the consent the visitor had just given with the account's
 * older choice. Now the most recent explicit choice wins: the consent cookie carries when it was
 * given, and sign-in compares it with the account's latest record.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/app/ids.ts';
import { hashPassword } from '../../src/modules/identity/index.ts';
import { browser } from '../../src/web/storefront/storefront-test-helpers.ts';
import { createTestApp } from '../support.ts';

const { app, sql } = await createTestApp();

/** A customer whose account holds one consent choice, recorded `minutesAgo` (negative: later). */
async function customerWithConsent(
  choice: { personalisation: boolean; analytics: boolean },
  minutesAgo: number,
) {
  const id = newId('cus');
  const email = `consent-${id.slice(4, 14)}@example.com`;
  const password = 'consenting adult';
  await sql`insert into customers (id, email, name, password_hash)
    values (${id}, ${email}, 'C', ${await hashPassword(password)})`;
  await sql`insert into consents (customer_id, personalisation, analytics, source, created_at)
    values (${id}, ${choice.personalisation}, ${choice.analytics}, 'privacy_page',
            now() - make_interval(mins => ${minutesAgo}))`;
  return { id, email, password };
}

async function latestConsent(customerId: string) {
  const [row] = await sql<{ personalisation: boolean; analytics: boolean }[]>`
    select personalisation, analytics from consents where customer_id = ${customerId} order by id desc limit 1`;
  return row;
}

describe('consent at sign-in', () => {
  it('keeps the choice the visitor just made over the account’s older one', async () => {
    const account = await customerWithConsent({ personalisation: true, analytics: true }, 60 * 24);
    const visitor = browser(app);
    await visitor.post('/consent', { choice: 'necessary', returnTo: '/' });
    const signedIn = await visitor.post('/login', { email: account.email, password: account.password });
    expect(signedIn.statusCode).toBe(303);
    const consent = await visitor.get('/store/consent');
    expect(consent.json().consent).toEqual({ personalisation: false, analytics: false });
    expect(await latestConsent(account.id)).toEqual({ personalisation: false, analytics: false });
  });

  it('keeps the account’s choice when it is the more recent one', async () => {
    const visitor = browser(app);
    await visitor.post('/consent', { choice: 'necessary', returnTo: '/' });
    // the account's choice was made after the visitor's (on another device)
    const account = await customerWithConsent({ personalisation: true, analytics: false }, -1);
    await visitor.post('/login', { email: account.email, password: account.password });
    const consent = await visitor.get('/store/consent');
    expect(consent.json().consent).toEqual({ personalisation: true, analytics: false });
    expect(await latestConsent(account.id)).toEqual({ personalisation: true, analytics: false });
  });

  it('records a guest choice on an account that has none', async () => {
    const visitor = browser(app);
    await visitor.post('/consent', { choice: 'all', returnTo: '/' });
    const id = newId('cus');
    const email = `fresh-${id.slice(4, 14)}@example.com`;
    await sql`insert into customers (id, email, name, password_hash)
      values (${id}, ${email}, 'F', ${await hashPassword('fresh password')})`;
    await visitor.post('/login', { email, password: 'fresh password' });
    expect(await latestConsent(id)).toEqual({ personalisation: true, analytics: true });
  });
});
