/**
 * Issue 2, "Bad input": malformed JSON, wrong types, unknown fields, mass assignment, impossible
 * numbers, over-long strings and hostile unicode on every write of the API. Each answer is a 4xx
 * problem+json with a stable type, and a fingerprint of every table proves nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support.ts';
import {
  ADDRESS,
  bearer,
  DEMO,
  expectProblem,
  expectRefusedUnchanged,
  fingerprint,
  GOOD_CARD,
  idempotencyKey,
  loginShopper,
  loginStaff,
  placeOrder,
  sellableVariant,
} from './security-support.ts';

const { app, sql } = await createTestApp();
const shopper = await loginShopper(app);
const merchant = await loginStaff(app, DEMO.merchant);
const item = await sellableVariant(sql, 5);
const [stock] = await sql<{ warehouseId: string }[]>`
  select warehouse_id as "warehouseId" from stock_levels where variant_id = ${item.variantId} limit 1`;
const [category] = await sql<{ categoryId: string }[]>`select id as "categoryId" from categories limit 1`;
const { warehouseId } = stock!;
const { categoryId } = category!;
// An order of the shopper awaiting payment, and a line left in the cart for quantity edits.
const order = await placeOrder(app, shopper, item.variantId, 1);
await app.inject({
  method: 'POST',
  url: '/store/cart/items',
  headers: bearer(shopper.token),
  payload: { variantId: item.variantId, quantity: 1 },
});

interface Write {
  name: string;
  method: 'POST' | 'PATCH' | 'PUT';
  url: string;
  headers: () => Record<string, string>;
  /** A body the route would accept. */
  valid: Record<string, unknown>;
  /** Fields a client must never set (mass assignment), with tempting values. */
  forbidden: Record<string, unknown>;
}

const asMerchant = () => bearer(merchant.token);
const asShopper = () => bearer(shopper.token);
const withKey = (auth: () => Record<string, string>) => () => ({
  ...auth(),
  'idempotency-key': idempotencyKey('bad'),
});

const validProduct = {
  title: { zh: '安全测试商品', en: 'Security test product' },
  categoryId,
  variants: [{ sku: 'SEC-1', optionValues: {}, priceMinor: 1_000 }],
};

const validAddress = {
  recipient: '李雷',
  phone: '13800138000',
  province: '上海市',
  city: '上海市',
  line1: '世纪大道 1 号',
};
const validCheckout = {
  email: 'a@example.com',
  phone: '13800138000',
  address: ADDRESS,
  deliveryOption: 'standard',
};

const writes: Write[] = [
  {
    name: 'admin product create',
    method: 'POST',
    url: '/admin/products',
    headers: asMerchant,
    valid: validProduct,
    forbidden: {
      id: 'prod_mine',
      status: 'published',
      salesCount: 9_999,
      publishedAt: '2020-01-01',
      currency: 'USD',
    },
  },
  {
    name: 'admin product patch',
    method: 'PATCH',
    url: `/admin/products/${item.productId}`,
    headers: asMerchant,
    valid: { title: { zh: '新标题', en: 'New title' } },
    forbidden: { status: 'archived', salesCount: 0, ratingAverage: 5, minPriceMinor: 1 },
  },
  {
    name: 'inventory adjustment',
    method: 'POST',
    url: '/admin/inventory/adjustments',
    headers: asMerchant,
    valid: { variantId: item.variantId, warehouseId, delta: 1, reason: 'count' },
    forbidden: { onHand: 1_000, reserved: 0, actorId: 'stf_someone', createdAt: '2020-01-01' },
  },
  {
    name: 'cart item',
    method: 'POST',
    url: '/store/cart/items',
    headers: asShopper,
    valid: { variantId: item.variantId, quantity: 1 },
    forbidden: {
      unitPrice: 1,
      priceMinor: 1,
      currency: 'USD',
      customerId: 'cus_other',
      cartId: 'cart_other',
    },
  },
  {
    name: 'cart quantity',
    method: 'PATCH',
    url: `/store/cart/items/${item.variantId}`,
    headers: asShopper,
    valid: { quantity: 2 },
    forbidden: { unitPrice: { amountMinor: 1, currency: 'CNY' }, lineTotal: 1, variantId: 'var_other' },
  },
  {
    name: 'checkout',
    method: 'POST',
    url: '/store/checkout/orders',
    headers: withKey(asShopper),
    valid: validCheckout,
    forbidden: {
      total: { amountMinor: 1, currency: 'CNY' },
      subtotalMinor: 1,
      shippingMinor: 0,
      discountMinor: 99_999,
      currency: 'USD',
      customerId: 'cus_other',
      status: 'paid',
      lines: [{ variantId: item.variantId, quantity: 1, unitPriceMinor: 1 }],
    },
  },
  {
    name: 'payment',
    method: 'POST',
    url: `/store/orders/${order.orderId}/payments`,
    headers: withKey(asShopper),
    valid: { method: 'card', card: GOOD_CARD },
    forbidden: { amountMinor: 1, currency: 'USD', status: 'captured', orderId: 'ord_other' },
  },
  {
    name: 'address',
    method: 'POST',
    url: '/store/account/addresses',
    headers: asShopper,
    valid: validAddress,
    forbidden: { id: 'adr_mine', customerId: 'cus_other', customer_id: 'cus_other', createdAt: '2020-01-01' },
  },
  {
    name: 'preferences',
    method: 'PUT',
    url: '/store/account/preferences',
    headers: asShopper,
    valid: { theme: 'dark' },
    forbidden: { role: 'admin', emailVerified: true, isStaff: true },
  },
  {
    name: 'profile',
    method: 'PATCH',
    url: '/store/account',
    headers: asShopper,
    valid: { name: '新名字' },
    forbidden: {
      email: 'x@evil.test',
      role: 'merchant',
      email_verified: true,
      passwordHash: 'x',
      id: 'cus_x',
    },
  },
  {
    name: 'register',
    method: 'POST',
    url: '/store/auth/register',
    headers: () => ({}),
    valid: { email: 'new-shopper@example.com', password: 'a long enough password', name: '新顾客' },
    forbidden: {
      role: 'admin',
      isStaff: true,
      emailVerified: true,
      email_verified: true,
      customerId: 'cus_mine',
    },
  },
  {
    name: 'admin order cancel',
    method: 'POST',
    url: `/admin/orders/${order.orderId}/cancel`,
    headers: asMerchant,
    valid: { reason: '测试' },
    forbidden: { status: 'completed', refundMinor: 100 },
  },
];

function send(write: Write, payload: string, contentType = 'application/json') {
  return app.inject({
    method: write.method,
    url: write.url,
    headers: { ...write.headers(), 'content-type': contentType },
    payload,
  });
}

describe.each(writes)('$name: malformed and mistyped bodies', (write) => {
  it('refuses broken JSON, other media types, empty and non-object bodies, and changes nothing', async () => {
    const before = await fingerprint(sql);
    expectProblem(await send(write, '{"quantity": 1,'), 400, 'malformed_json');
    expectProblem(await send(write, "{'single': 'quotes'}"), 400, 'malformed_json');
    expectProblem(await send(write, ''), 400, 'malformed_json');
    // prototype pollution is refused by the parser, not merged into anything
    expectProblem(await send(write, '{"__proto__": {"isAdmin": true}}'), 400, 'malformed_json');
    expectProblem(
      await send(write, '{"constructor": {"prototype": {"isAdmin": true}}}'),
      400,
      'malformed_json',
    );
    expectProblem(await send(write, '<order/>', 'application/xml'), 415, 'unsupported_media_type');
    expectProblem(await send(write, JSON.stringify(write.valid), 'text/plain'), 400, 'validation_failed');
    for (const notAnObject of ['null', '[]', '"text"', '42', 'true'])
      expectProblem(await send(write, notAnObject), 400, 'validation_failed');
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('refuses unknown fields and names them', async () => {
    const before = await fingerprint(sql);
    const problem = expectProblem(
      await send(write, JSON.stringify({ ...write.valid, sneaky: true })),
      400,
      'validation_failed',
    );
    expect(JSON.stringify(problem.errors)).toContain('sneaky');
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('refuses mass assignment of owner, role, status, price and total fields', async () => {
    const before = await fingerprint(sql);
    for (const [field, value] of Object.entries(write.forbidden)) {
      const problem = expectProblem(
        await send(write, JSON.stringify({ ...write.valid, [field]: value })),
        400,
        'validation_failed',
      );
      expect(JSON.stringify(problem.errors), field).toContain(field);
    }
    expect(await fingerprint(sql)).toEqual(before);
  });

  it('refuses a wrong type in every field of the valid body', async () => {
    const before = await fingerprint(sql);
    for (const [field, value] of Object.entries(write.valid)) {
      const wrong = typeof value === 'string' ? 12_345 : typeof value === 'number' ? '1' : 'not-an-object';
      const problem = expectProblem(
        await send(write, JSON.stringify({ ...write.valid, [field]: wrong })),
        400,
        'validation_failed',
      );
      expect(JSON.stringify(problem.errors), field).toContain(field);
    }
    expect(await fingerprint(sql)).toEqual(before);
  });
});

describe('nested objects are strict too', () => {
  it('unknown fields inside variants, titles, addresses and cards are refused and named', async () => {
    const cases = [
      {
        url: '/admin/products',
        method: 'POST' as const,
        headers: asMerchant(),
        payload: { ...validProduct, variants: [{ ...validProduct.variants[0], onHand: 100 }] },
        field: 'onHand',
      },
      {
        url: '/admin/products',
        method: 'POST' as const,
        headers: asMerchant(),
        payload: { ...validProduct, title: { ...validProduct.title, status: 'published' } },
        field: 'status',
      },
      {
        url: `/admin/products/${item.productId}`,
        method: 'PATCH' as const,
        headers: asMerchant(),
        payload: {
          variants: [{ id: item.variantId, sku: 'SEC-9', optionValues: {}, priceMinor: 1, currency: 'USD' }],
        },
        field: 'currency',
      },
      {
        url: '/store/checkout/orders',
        method: 'POST' as const,
        headers: { ...asShopper(), 'idempotency-key': idempotencyKey() },
        payload: { ...validCheckout, address: { ...ADDRESS, customerId: 'cus_other' } },
        field: 'customerId',
      },
      {
        url: `/store/orders/${order.orderId}/payments`,
        method: 'POST' as const,
        headers: { ...asShopper(), 'idempotency-key': idempotencyKey() },
        payload: { method: 'card', card: { ...GOOD_CARD, amountMinor: 1 } },
        field: 'amountMinor',
      },
    ];
    const before = await fingerprint(sql);
    for (const c of cases) {
      const problem = expectProblem(await app.inject(c), 400, 'validation_failed');
      expect(JSON.stringify(problem.errors), c.field).toContain(c.field);
    }
    expect(await fingerprint(sql)).toEqual(before);
  });
});

describe('quantities, prices and deltas: whole numbers within bounds', () => {
  const impossible = [-1, 0, 1.5, 100, 1e9, 2 ** 53, -(2 ** 53), 1e308];

  it('cart: add and set refuse negative, zero, fractional, over-99 and huge quantities', async () => {
    await expectRefusedUnchanged(
      sql,
      async () => {
        for (const quantity of impossible) {
          const add = await app.inject({
            method: 'POST',
            url: '/store/cart/items',
            headers: asShopper(),
            payload: { variantId: item.variantId, quantity },
          });
          expectProblem(add, 400, 'validation_failed');
          if (quantity === 0) continue; // setting 0 removes the line, by design
          const set = await app.inject({
            method: 'PATCH',
            url: `/store/cart/items/${item.variantId}`,
            headers: asShopper(),
            payload: { quantity },
          });
          expectProblem(set, 400, 'validation_failed');
        }
        return app.inject({
          method: 'POST',
          url: '/store/cart/items',
          headers: asShopper(),
          payload: { variantId: item.variantId, quantity: '3' },
        });
      },
      400,
      'validation_failed',
    );
  });

  it('a number too big for JSON (1e400) is refused, not turned into Infinity in the database', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/cart/items',
          headers: { ...asShopper(), 'content-type': 'application/json' },
          payload: `{"variantId":"${item.variantId}","quantity":1e400}`,
        }),
      400,
      'validation_failed',
    );
  });

  it('admin product: prices must be whole minor units from 0 to 100,000,000', async () => {
    await expectRefusedUnchanged(
      sql,
      async () => {
        for (const priceMinor of [-1, 0.5, 100_000_001, 1e9, 2 ** 53, '100']) {
          for (const url of ['/admin/products', `/admin/products/${item.productId}`]) {
            const res = await app.inject({
              method: url === '/admin/products' ? 'POST' : 'PATCH',
              url,
              headers: asMerchant(),
              payload: { ...validProduct, variants: [{ sku: 'SEC-2', optionValues: {}, priceMinor }] },
            });
            expectProblem(res, 400, 'validation_failed');
          }
        }
        // a compare-at price below the price is a business-rule refusal
        return app.inject({
          method: 'POST',
          url: '/admin/products',
          headers: asMerchant(),
          payload: {
            ...validProduct,
            variants: [{ sku: 'SEC-3', optionValues: {}, priceMinor: 1_000, compareAtMinor: 500 }],
          },
        });
      },
      400,
      'invalid_product',
    );
  });

  it('inventory: a delta is a non-zero whole number of at most a million either way', async () => {
    await expectRefusedUnchanged(
      sql,
      async () => {
        for (const delta of [0, 1.5, 1_000_001, -1_000_001, 1e9, 2 ** 53, -(2 ** 53), '5']) {
          const res = await app.inject({
            method: 'POST',
            url: '/admin/inventory/adjustments',
            headers: asMerchant(),
            payload: { variantId: item.variantId, warehouseId, delta, reason: 'count' },
          });
          expectProblem(res, 400, 'validation_failed');
        }
        // removing more than is on hand is refused by the stock rule
        return app.inject({
          method: 'POST',
          url: '/admin/inventory/adjustments',
          headers: asMerchant(),
          payload: { variantId: item.variantId, warehouseId, delta: -1_000_000, reason: 'damage' },
        });
      },
      409,
      'insufficient_stock',
    );
  });

  it('refund: an amount is a positive whole number of minor units', async () => {
    await expectRefusedUnchanged(
      sql,
      async () => {
        for (const amountMinor of [0, -100, 1.5, 2 ** 53, '100']) {
          const res = await app.inject({
            method: 'POST',
            url: '/admin/payments/pay_0000000000000000/refunds',
            headers: { ...asMerchant(), 'idempotency-key': idempotencyKey('refund') },
            payload: { amountMinor },
          });
          expectProblem(res, 400, 'validation_failed');
        }
        return app.inject({
          method: 'POST',
          url: '/admin/payments/pay_0000000000000000/refunds',
          headers: { ...asMerchant(), 'idempotency-key': idempotencyKey('refund') },
          payload: { amountMinor: 100 },
        });
      },
      404,
    );
  });
});

describe('over-long strings and ids', () => {
  it('refuses strings past their limits in bodies, ids and headers', async () => {
    const long = (n: number) => 'x'.repeat(n);
    await expectRefusedUnchanged(
      sql,
      async () => {
        const cases = [
          {
            url: '/admin/products',
            method: 'POST',
            headers: asMerchant(),
            payload: { ...validProduct, title: { zh: long(201), en: 'ok' } },
          },
          {
            url: '/admin/products',
            method: 'POST',
            headers: asMerchant(),
            payload: { ...validProduct, description: { zh: long(10_001), en: '' } },
          },
          {
            url: '/admin/inventory/adjustments',
            method: 'POST',
            headers: asMerchant(),
            payload: { variantId: item.variantId, warehouseId, delta: 1, reason: 'count', note: long(501) },
          },
          {
            url: '/store/cart/items',
            method: 'POST',
            headers: asShopper(),
            payload: { variantId: long(65), quantity: 1 },
          },
          {
            url: '/store/account/addresses',
            method: 'POST',
            headers: asShopper(),
            payload: { ...validAddress, line1: long(201) },
          },
          { url: '/store/account', method: 'PATCH', headers: asShopper(), payload: { name: long(101) } },
          {
            url: '/store/auth/login',
            method: 'POST',
            headers: {},
            payload: { email: `${long(250)}@x.cn`, password: 'x' },
          },
          {
            url: '/store/checkout/orders',
            method: 'POST',
            headers: { ...asShopper(), 'idempotency-key': long(201) },
            payload: validCheckout,
          },
          {
            url: `/store/orders/${long(65)}/payments`,
            method: 'POST',
            headers: { ...asShopper(), 'idempotency-key': idempotencyKey() },
            payload: { method: 'alipay' },
          },
        ] as const;
        for (const c of cases) {
          const res = await app.inject({
            url: c.url,
            method: c.method,
            headers: c.headers,
            payload: c.payload,
          });
          expectProblem(res, 400, 'validation_failed');
        }
        // an id longer than any route parameter is refused by the router, still as problem+json
        return app.inject({
          method: 'PATCH',
          url: `/store/cart/items/${long(300)}`,
          headers: asShopper(),
          payload: { quantity: 1 },
        });
      },
      414,
    );
  });

  it('refuses a body over the size limit with 413', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/account/addresses',
          headers: { ...asShopper(), 'content-type': 'application/json' },
          payload: JSON.stringify({ ...validAddress, line1: 'x'.repeat(1_100_000) }),
        }),
      413,
      'body_too_large',
    );
  });

  it('a malformed percent-encoding in the path is a 400 problem', async () => {
    await expectRefusedUnchanged(
      sql,
      () => app.inject({ method: 'GET', url: '/store/orders/%E0%A4%A' }),
      400,
    );
  });
});

describe('the same rules behind every door', () => {
  it('an address phone must look like a phone number (API)', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/account/addresses',
          headers: asShopper(),
          payload: { ...validAddress, phone: 'call me maybe' },
        }),
      400,
      'validation_failed',
    );
  });

  it('the storefront address form cannot store what the API refuses (long, blank or malformed fields)', async () => {
    const session = await sql<{ csrf: string }[]>`
      select csrf_token as csrf from sessions where customer_id = ${shopper.customerId!} limit 1`;
    const form = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/account/addresses',
        headers: {
          cookie: `lantern_session=${shopper.token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          _csrf: session[0]!.csrf,
          recipient: '李雷',
          phone: '13800138000',
          province: '上海市',
          city: '上海市',
          line1: '世纪大道 1 号',
          ...fields,
        }).toString(),
      });
    const before = await fingerprint(sql);
    for (const fields of [
      { line1: 'x'.repeat(5_000) } as Record<string, string>,
      { recipient: '   ' },
      { phone: 'not a phone' },
      { postalCode: '9'.repeat(50) },
    ]) {
      const res = await form(fields);
      expect(res.statusCode, Object.keys(fields)[0]).toBe(400);
    }
    expect(await fingerprint(sql)).toEqual(before);
    // the same form with sound fields is saved (so the refusals were about the fields)
    expect((await form({})).statusCode).toBe(303);
  });
});

describe('hostile unicode', () => {
  it('NUL characters are refused with 400 wherever they are sent (body, path, query), never a 500', async () => {
    await expectRefusedUnchanged(
      sql,
      async () => {
        const nul = '\u0000';
        const cases = [
          {
            method: 'POST',
            url: '/store/account/addresses',
            headers: asShopper(),
            payload: { ...validAddress, recipient: `a${nul}b` },
          },
          { method: 'PATCH', url: '/store/account', headers: asShopper(), payload: { name: `x${nul}` } },
          {
            method: 'POST',
            url: '/admin/products',
            headers: asMerchant(),
            payload: { ...validProduct, title: { zh: `标${nul}题`, en: 'ok' } },
          },
          {
            method: 'POST',
            url: '/store/cart/items',
            headers: asShopper(),
            payload: { variantId: `var_${nul}`, quantity: 1 },
          },
          {
            method: 'POST',
            url: '/store/auth/login',
            headers: {},
            payload: { email: `a${nul}@b.cn`, password: 'x' },
          },
          { method: 'GET', url: '/store/search?q=%00', headers: {} },
          { method: 'GET', url: '/store/products/a%00b', headers: {} },
          { method: 'GET', url: '/store/orders/ord_%00', headers: asShopper() },
        ] as const;
        for (const c of cases) {
          const res = await app.inject({
            method: c.method,
            url: c.url,
            headers: c.headers,
            ...('payload' in c ? { payload: c.payload } : {}),
          });
          expectProblem(res, 400, 'invalid_characters');
        }
        return app.inject({
          method: 'PATCH',
          url: '/store/account',
          headers: asShopper(),
          payload: { name: '\u0000' },
        });
      },
      400,
      'invalid_characters',
    );
  });

  it('bidi overrides, zero-width characters, emoji and markup are stored as text and read back verbatim', async () => {
    const hostile = '\u202Egnp.exe\u200B 👩‍👩‍👧 <script>alert(1)</script> Ｅ';
    const res = await app.inject({
      method: 'POST',
      url: '/store/account/addresses',
      headers: asShopper(),
      payload: { ...validAddress, recipient: hostile.slice(0, 60) },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const list = await app.inject({ method: 'GET', url: '/store/account/addresses', headers: asShopper() });
    expect(list.json().items.map((a: { recipient: string }) => a.recipient)).toContain(hostile.slice(0, 60));
  });

  it('invalid UTF-8 bytes in a body never reach the database', async () => {
    await expectRefusedUnchanged(
      sql,
      () =>
        app.inject({
          method: 'POST',
          url: '/store/cart/items',
          headers: { ...asShopper(), 'content-type': 'application/json' },
          payload: Buffer.from([0x7b, 0x22, 0x76, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        }),
      400,
    );
  });
});
