/** Customer screens: search the list, read one customer with addresses and orders; read-only for agents. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { saveAddress } from '../../modules/customers/index.ts';
import { buildCustomer } from '../../modules/customers/testing.ts';
import { type Browser, buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

let merchant: Browser;
let agent: Browser;
let customerId: string;
const email = `lin.${Date.now()}@example.test`;

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  agent = await signIn(app, await buildStaff(sql, 'agent'));
  ({ customerId } = await buildCustomer(sql, {
    email,
    password: 'a long enough password',
    name: '林小雨',
  }));
  await saveAddress(sql, customerId, {
    recipient: '林小雨',
    phone: '13900001111',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    line1: '科技园 8 栋',
    postalCode: '518000',
  });
});

describe('customer screens', () => {
  it('finds a customer by email and by name, one page at a time', async () => {
    const byEmail = await merchant.get(`/admin/console/customers?q=${encodeURIComponent(email)}`);
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.body).toContain(`href="/admin/console/customers/${customerId}"`);
    const byName = await merchant.get(`/admin/console/customers?q=${encodeURIComponent('林小雨')}`);
    expect(byName.body).toContain(email);
    const secondPage = await merchant.get(`/admin/console/customers?q=${encodeURIComponent(email)}&page=2`);
    expect(secondPage.body).not.toContain(`href="/admin/console/customers/${customerId}"`);
    expect(byEmail.body).toContain('共 1 条');
    const none = await merchant.get('/admin/console/customers?q=nobody-like-this');
    expect(none.body).not.toContain(`href="/admin/console/customers/${customerId}"`);
  });

  it('shows a customer with addresses and orders to an agent too', async () => {
    for (const browser of [merchant, agent]) {
      const res = await browser.get(`/admin/console/customers/${customerId}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(email);
      expect(res.body).toContain('科技园 8 栋');
      expect(res.body).not.toContain('<form method="post" action="/admin/console/customers');
    }
  });

  it('answers an unknown customer with a 404 page', async () => {
    const res = await merchant.get('/admin/console/customers/cus_doesnotexist000000');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
