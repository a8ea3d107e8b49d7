import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import { createSession } from '../../identity/index.ts';

const { app, sql } = await createTestApp();
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let merchant: Record<string, string>;
let agent: Record<string, string>;
let shopper: Record<string, string>;
let categoryId: string;

beforeAll(async () => {
  const staff = await sql<{ id: string; role: string }[]>`select id, role from staff_users`;
  const tokenFor = async (role: string) =>
    (await createSession(sql, { kind: 'staff', staffId: staff.find((s) => s.role === role)!.id })).token;
  merchant = auth(await tokenFor('merchant'));
  agent = auth(await tokenFor('agent'));
  const [customer] = await sql<
    { id: string }[]
  >`select id from customers where email = 'shopper@lantern.test'`;
  shopper = auth((await createSession(sql, { kind: 'shopper', customerId: customer!.id })).token);
  const [category] = await sql<{ id: string }[]>`select id from categories where slug = 'headphones'`;
  categoryId = category!.id;
});

const newProduct = (sku: string) => ({
  title: { zh: '测试 无线蓝牙降噪耳机', en: 'Test Wireless Headphones' },
  description: { zh: '测试描述', en: 'Test description' },
  categoryId,
  attributes: [
    { code: 'material', name: { zh: '材质', en: 'Material' }, value: { zh: '铝', en: 'Aluminium' } },
  ],
  options: [
    {
      code: 'color',
      name: { zh: '颜色', en: 'Colour' },
      values: [
        { code: 'black', zh: '黑色', en: 'Black' },
        { code: 'white', zh: '白色', en: 'White' },
      ],
    },
  ],
  variants: [
    { sku: `${sku}-BK`, optionValues: { color: 'black' }, priceMinor: 19900, compareAtMinor: 25900 },
    { sku: `${sku}-WT`, optionValues: { color: 'white' }, priceMinor: 21900 },
  ],
});

async function create(sku: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/products',
    headers: merchant,
    payload: newProduct(sku),
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('store catalog routes', () => {
  it('serves a product page, the hot list, categories and brands', async () => {
    const hot = await app.inject('/store/products/hot?limit=3');
    expect(hot.statusCode).toBe(200);
    expect(hot.json()).toHaveLength(3);
    const detail = await app.inject(`/store/products/${hot.json()[0].slug}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().variants.length).toBeGreaterThan(0);
    const categories = await app.inject('/store/categories');
    expect(categories.json().length).toBeGreaterThanOrEqual(12);
    expect(categories.json()[0].children.length).toBeGreaterThan(0);
    const brands = await app.inject('/store/brands');
    expect(brands.json().length).toBeGreaterThanOrEqual(24);
  });

  it('answers 404 problem+json for unknown and draft products', async () => {
    const [draft] = await sql<{ slug: string }[]>`select slug from products where status = 'draft' limit 1`;
    for (const slug of ['no-such-thing', draft!.slug]) {
      const res = await app.inject(`/store/products/${slug}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().type).toBe('/problems/product_not_found');
    }
  });

  it('serves media bytes with their stored type, immutable caching and nosniff', async () => {
    const [media] = await sql<{ url: string }[]>`select url from product_media limit 1`;
    const res = await app.inject(media!.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<svg');
    expect((await app.inject('/media/med_0000000000000000')).statusCode).toBe(404);
    expect((await app.inject('/media/..%2f..%2fetc%2fpasswd')).statusCode).toBe(400);
  });
});

describe('admin catalog authorisation', () => {
  it('refuses no session (401), a shopper (401) and an agent (403)', async () => {
    const body = newProduct('AUTH');
    for (const [headers, status] of [
      [{}, 401],
      [shopper, 401],
      [agent, 403],
    ] as const) {
      const write = await app.inject({ method: 'POST', url: '/admin/products', headers, payload: body });
      expect(write.statusCode).toBe(status);
      const read = await app.inject({ method: 'GET', url: '/admin/products', headers });
      expect(read.statusCode).toBe(status);
    }
    const [row] = await sql`select 1 from variants where sku = 'AUTH-BK'`;
    expect(row).toBeUndefined();
  });

  it('refuses unknown fields on writes with 400 problem+json and changes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: merchant,
      payload: { ...newProduct('MASS'), status: 'published', salesCount: 9999 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('/problems/validation_failed');
    const id = await create('PATCHX');
    const patch = await app.inject({
      method: 'PATCH',
      url: `/admin/products/${id}`,
      headers: merchant,
      payload: { title: { zh: '改', en: 'Changed' }, status: 'published' },
    });
    expect(patch.statusCode).toBe(400);
    const [p] = await sql<
      { status: string; title_en: string }[]
    >`select status, title_en from products where id = ${id}`;
    expect(p).toEqual({ status: 'draft', title_en: 'Test Wireless Headphones' });
  });
});

describe('admin product lifecycle', () => {
  it('creates a draft, edits variants and prices, publishes and archives, recording events', async () => {
    const id = await create('LIFE');
    const [created] = await sql<{ min_price_minor: number; max_price_minor: number; status: string }[]>`
      select min_price_minor, max_price_minor, status from products where id = ${id}`;
    expect(created).toEqual({ min_price_minor: 19900, max_price_minor: 21900, status: 'draft' });
    expect((await app.inject(`/store/products/${id}`)).statusCode).toBe(404);

    const detail = (await app.inject({ url: `/admin/products/${id}`, headers: merchant })).json();
    const black = detail.variants.find((v: { sku: string }) => v.sku === 'LIFE-BK');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/admin/products/${id}`,
      headers: merchant,
      payload: {
        title: { zh: '新标题 耳机', en: 'New title headphones' },
        options: [
          {
            code: 'color',
            name: { zh: '颜色', en: 'Colour' },
            values: [
              { code: 'black', zh: '黑色', en: 'Black' },
              { code: 'white', zh: '白色', en: 'White' },
              { code: 'blue', zh: '蓝色', en: 'Blue' },
            ],
          },
        ],
        variants: [
          {
            id: black.id,
            sku: 'LIFE-BK',
            optionValues: { color: 'black' },
            priceMinor: 9900,
            isActive: true,
          },
          { sku: 'LIFE-BL', optionValues: { color: 'blue' }, priceMinor: 39900 },
        ],
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().variants).toHaveLength(3);
    expect(patched.json().priceRange.min.amountMinor).toBe(9900);
    expect(patched.json().priceRange.max.amountMinor).toBe(39900);

    // Deactivating the most expensive variant narrows the range.
    const blue = patched.json().variants.find((v: { sku: string }) => v.sku === 'LIFE-BL');
    await app.inject({
      method: 'PATCH',
      url: `/admin/products/${id}`,
      headers: merchant,
      payload: {
        variants: [
          {
            id: blue.id,
            sku: 'LIFE-BL',
            optionValues: { color: 'blue' },
            priceMinor: 39900,
            isActive: false,
          },
        ],
      },
    });
    const [range] = await sql<
      { max_price_minor: number }[]
    >`select max_price_minor from products where id = ${id}`;
    expect(range!.max_price_minor).toBe(21900);

    const published = await app.inject({
      method: 'POST',
      url: `/admin/products/${id}/publish`,
      headers: merchant,
    });
    expect(published.json().status).toBe('published');
    expect((await app.inject(`/store/products/${id}`)).json().title.en).toBe('New title headphones');
    const archived = await app.inject({
      method: 'POST',
      url: `/admin/products/${id}/archive`,
      headers: merchant,
    });
    expect(archived.json().status).toBe('archived');
    expect((await app.inject(`/store/products/${id}`)).statusCode).toBe(404);

    const events = await sql<{ type: string }[]>`
      select type from domain_events where aggregate_id = ${id} order by id`;
    expect(events.map((e) => e.type)).toEqual([
      'product.created',
      'product.updated',
      'product.updated',
      'product.published',
      'product.archived',
    ]);
  });

  it('rejects variants that do not match the options, and taken SKUs', async () => {
    const bad = newProduct('BADOPT');
    bad.variants[1]!.optionValues = { color: 'purple' };
    const res = await app.inject({ method: 'POST', url: '/admin/products', headers: merchant, payload: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('variants[1].optionValues.color');
    await create('DUP');
    const dup = await app.inject({
      method: 'POST',
      url: '/admin/products',
      headers: merchant,
      payload: newProduct('DUP'),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('sku_taken');
    const [count] = await sql<
      { n: number }[]
    >`select count(*)::int as n from variants where sku like 'DUP-%'`;
    expect(count!.n).toBe(2);
  });

  it('lists products for the admin filtered by status and text', async () => {
    await create('LISTME');
    const res = await app.inject({ url: '/admin/products?status=draft&q=LISTME', headers: merchant });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].variantCount).toBe(2);
    const all = await app.inject({ url: '/admin/products?pageSize=5&page=2', headers: merchant });
    expect(all.json().items).toHaveLength(5);
    expect(all.json().total).toBeGreaterThanOrEqual(320);
  });
});

describe('product image upload', () => {
  it('re-encodes a PNG to WebP and serves it', async () => {
    const id = await create('IMG');
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const res = await app.inject({
      method: 'POST',
      url: `/admin/products/${id}/images`,
      headers: merchant,
      payload: { dataBase64: png.toString('base64') },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 64, height: 48 });
    const served = await app.inject(res.json().url);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.rawPayload.subarray(8, 12).toString()).toBe('WEBP');
    const detail = (await app.inject({ url: `/admin/products/${id}`, headers: merchant })).json();
    expect(detail.media.map((m: { url: string }) => m.url)).toContain(res.json().url);
  });

  it('refuses SVG and bytes that only pretend to be an image', async () => {
    const id = await create('IMGBAD');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const fakePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), svg]);
    const sent = async (bytes: Buffer) =>
      app.inject({
        method: 'POST',
        url: `/admin/products/${id}/images`,
        headers: merchant,
        payload: { dataBase64: bytes.toString('base64') },
      });
    expect((await sent(svg)).statusCode).toBe(415);
    expect((await sent(fakePng)).statusCode).toBe(400);
    const [media] = await sql`select 1 from product_media where product_id = ${id}`;
    expect(media).toBeUndefined();
  });
});

describe('GET /store/products', () => {
  it('lists published products by category, sorted and paginated, and refuses bad parameters', async () => {
    const { app } = await createTestApp();
    const first = (await app.inject('/store/products?page_size=20')).json();
    expect(first.items).toHaveLength(20);
    expect(first.total).toBeGreaterThanOrEqual(300);
    const sales = first.items.map((p: { salesCount: number }) => p.salesCount);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));

    const cheap = (
      await app.inject('/store/products?category=headphones&sort=price_asc&page_size=48')
    ).json();
    expect(cheap.total).toBeGreaterThan(0);
    const prices = cheap.items.map((p: { price: { amountMinor: number } }) => p.price.amountMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    const page2 = (await app.inject('/store/products?page=2&page_size=20')).json();
    expect(page2.items[0].id).not.toBe(first.items[0].id);
    expect((await app.inject('/store/products?category=no-such-category')).json().total).toBe(0);
    for (const bad of ['page_size=49', 'page=0', 'sort=random', 'page_size=-1', 'evil=1']) {
      const res = await app.inject(`/store/products?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
