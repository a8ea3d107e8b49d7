/** Product screens through their forms: create, edit round trip, errors in-page, publish, images, roles. */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { newId } from '../../app/ids.ts';
import { getProductDetail } from '../../modules/catalog/index.ts';
import { type Browser, buildStaff, signIn } from './admin-test-support.ts';

const { app, sql } = await createTestApp();

let merchant: Browser;
let agent: Browser;
let categoryId: string;
let brandId: string;

beforeAll(async () => {
  merchant = await signIn(app, await buildStaff(sql, 'merchant'));
  agent = await signIn(app, await buildStaff(sql, 'agent'));
  categoryId = newId('cat');
  brandId = newId('brd');
  await sql`insert into categories (id, slug, name_zh, name_en) values (${categoryId}, ${categoryId}, '耳机', 'Headphones')`;
  await sql`insert into brands (id, slug, name_zh, name_en) values (${brandId}, ${brandId}, '声浪', 'Soundwave')`;
});

function productFields(overrides: Record<string, string> = {}): Record<string, string> {
  const sku = newId('var').slice(4, 12).toUpperCase();
  return {
    _csrf: merchant.csrf,
    titleZh: '无线蓝牙降噪耳机',
    titleEn: 'Wireless noise-cancelling headphones',
    descriptionZh: '安静。',
    descriptionEn: 'Quiet.',
    categoryId,
    brandId,
    attributes: 'battery | 续航 | Battery | 30 小时 | 30 hours',
    'option.0.code': 'color',
    'option.0.nameZh': '颜色',
    'option.0.nameEn': 'Colour',
    'option.0.values': 'black | 黑色 | Black\nwhite | 白色 | White',
    'variant.0.sku': `${sku}-BK`,
    'variant.0.opt.color': 'black',
    'variant.0.price': '199.00',
    'variant.0.active': '1',
    'variant.1.sku': `${sku}-WH`,
    'variant.1.opt.color': 'white',
    'variant.1.price': '209.5',
    'variant.1.compareAt': '259',
    'variant.1.active': '1',
    ...overrides,
  };
}

async function createThroughForm(): Promise<string> {
  const res = await merchant.post('/admin/console/products', productFields());
  expect(res.statusCode, res.body).toBe(303);
  const id = res.headers.location?.match(
    /^\/admin\/console\/products\/(prod_[a-z0-9]+)\?done=product_created$/,
  )?.[1];
  expect(id).toBeDefined();
  return id!;
}

describe('product screens', () => {
  it('lists products with search and shows the new-product form', async () => {
    const id = await createThroughForm();
    const list = await merchant.get('/admin/console/products?q=Wireless');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/admin/console/products/${id}"`);
    const none = await merchant.get('/admin/console/products?q=no-such-thing-anywhere');
    expect(none.body).not.toContain(`href="/admin/console/products/${id}"`);
    const form = await merchant.get('/admin/console/products/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="variant.0.sku"');
    expect(form.body).toContain('耳机');
  });

  it('creates and edits a product through the form, round trip', async () => {
    const id = await createThroughForm();
    const edit = await merchant.get(`/admin/console/products/${id}?done=product_created`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('role="status"');
    expect(edit.body).toContain('value="Wireless noise-cancelling headphones"');
    expect(edit.body).toContain('value="209.50"');
    const product = (await getProductDetail(sql, id, { includeUnpublished: true }))!;
    const [black, white] = product.variants;
    const saved = await merchant.post(
      `/admin/console/products/${id}`,
      productFields({
        titleEn: 'Wireless ANC headphones',
        'variant.0.id': black!.id,
        'variant.0.sku': black!.sku,
        'variant.0.price': '189.00',
        'variant.1.id': white!.id,
        'variant.1.sku': white!.sku,
        'variant.1.active': '',
      }),
    );
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/admin/console/products/${id}?done=product_saved`);
    const after = (await getProductDetail(sql, id, { includeUnpublished: true }))!;
    expect(after.title.en).toBe('Wireless ANC headphones');
    expect(after.variants.map((v) => [v.sku, v.price.amountMinor, v.isActive])).toEqual([
      [black!.sku, 18900, true],
      [white!.sku, 20950, false],
    ]);
    expect(after.attributes).toEqual([
      { code: 'battery', name: { zh: '续航', en: 'Battery' }, value: { zh: '30 小时', en: '30 hours' } },
    ]);
    const page = await merchant.get(`/admin/console/products/${id}`);
    expect(page.body).toContain('value="Wireless ANC headphones"');
  });

  it('answers bad input in the page and keeps what was typed', async () => {
    const res = await merchant.post(
      '/admin/console/products',
      productFields({ titleEn: '', 'variant.0.price': 'cheap', 'option.0.values': 'black | 黑色 | Black' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('英文标题：请填写此项。');
    expect(res.body).toContain('价格（第 1 行）：请按 199.00 的格式填写价格。');
    expect(res.body).not.toContain('is required');
    expect(res.body).toContain('value="无线蓝牙降噪耳机"');
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from products where title_en = ''`;
    expect(row?.n).toBe(0);
  });

  it('publishes and archives with a flash message', async () => {
    const id = await createThroughForm();
    const published = await merchant.post(`/admin/console/products/${id}/publish`, { _csrf: merchant.csrf });
    expect(published.headers.location).toBe(`/admin/console/products/${id}?done=product_published`);
    expect((await getProductDetail(sql, id))?.status).toBe('published');
    const archived = await merchant.post(`/admin/console/products/${id}/archive`, { _csrf: merchant.csrf });
    expect(archived.statusCode).toBe(303);
    expect((await getProductDetail(sql, id, { includeUnpublished: true }))?.status).toBe('archived');
  });

  it('uploads an image as a plain multipart form', async () => {
    const id = await createThroughForm();
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const boundary = 'lanternTestBoundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${merchant.csrf}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="altEn"\r\n\r\nRed headphones\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="red.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/admin/console/products/${id}/images`,
      payload: body,
      headers: { cookie: merchant.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(303);
    const product = await getProductDetail(sql, id, { includeUnpublished: true });
    expect(product?.media).toHaveLength(1);
    expect(product?.media[0]?.alt.en).toBe('Red headphones');
    const page = await merchant.get(`/admin/console/products/${id}`);
    expect(page.body).toContain(`src="${product?.media[0]?.url}"`);
  });

  it('forbids an agent from product screens and edits', async () => {
    const id = await createThroughForm();
    expect((await agent.get(`/admin/console/products/${id}`)).statusCode).toBe(403);
    const res = await agent.post(`/admin/console/products/${id}`, {
      ...productFields({ titleEn: 'Hacked' }),
      _csrf: agent.csrf,
    });
    expect(res.statusCode).toBe(403);
    expect((await getProductDetail(sql, id, { includeUnpublished: true }))?.title.en).not.toBe('Hacked');
  });

  it('escapes what merchants typed when it renders', async () => {
    const res = await merchant.post(
      '/admin/console/products',
      productFields({ titleEn: '<img src=x onerror=alert(1)>' }),
    );
    const id = res.headers.location?.match(/(prod_[a-z0-9]+)/)?.[1];
    const page = await app.inject({
      method: 'GET',
      url: `/admin/console/products/${id}`,
      headers: { cookie: `${merchant.cookie}; lantern_admin_lang=en` },
    });
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).not.toContain('<img src=x');
  });

  it('requires the CSRF token to save', async () => {
    const id = await createThroughForm();
    const { _csrf: _omit, ...fields } = productFields({ titleEn: 'No token' });
    const res = await merchant.post(`/admin/console/products/${id}`, fields);
    expect(res.statusCode).toBe(403);
    expect((await getProductDetail(sql, id, { includeUnpublished: true }))?.title.en).not.toBe('No token');
  });
});
