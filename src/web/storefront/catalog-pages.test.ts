import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { reindexAllProducts } from '../../modules/search/index.ts';
import { assetUrl } from '../static/assets.ts';
import { browser, productInStock } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp();
const EN = { cookie: 'lantern_prefs=en.system.comfortable' };

beforeAll(async () => {
  await reindexAllProducts(sql);
});

describe('home page', () => {
  it('renders the shell, categories and both shelves in Chinese by default', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="zh-CN"');
    expect(res.body).toContain('热卖榜');
    expect(res.body).toContain('新品上架');
    expect(res.body).toContain('href="#main"');
    expect(res.body).toMatch(/<link rel="canonical" href="http:\/\/localhost:\d+\/">/);
    expect(res.body).toContain('name="theme-color"');
    expect(res.body.match(/class="card"/g)?.length).toBeGreaterThanOrEqual(10);
    expect(res.body).toContain('fetchpriority="high"');
    expect(res.body).toContain('loading="lazy"');
  });

  it('renders in English from the preferences cookie', async () => {
    const res = await app.inject({ url: '/', headers: EN });
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('Best sellers');
    expect(res.body).toContain('New arrivals');
  });

  it('follows Accept-Language when no preference is saved', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.body).toContain('<html lang="en"');
  });
});

describe('category listing', () => {
  it('lists products with facets, sort links and rel=next pagination', async () => {
    const res = await app.inject({ url: '/c/phones-digital' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('手机数码');
    expect(res.body).toContain('name="brand"');
    expect(res.body).toContain('name="price"');
    expect(res.body).toContain('name="inStock"');
    expect(res.body).toMatch(
      /<a class="button button-secondary" rel="next" href="\/c\/phones-digital\?page=2">/,
    );
    expect(res.body).toContain('<link rel="next" href="/c/phones-digital?page=2">');
    const page2 = await app.inject({ url: '/c/phones-digital?page=2' });
    expect(page2.body).toContain('rel="prev"');
  });

  it('narrows by in-stock filter and keeps it in pagination links', async () => {
    const all = await app.inject({ url: '/c/phones-digital' });
    const inStock = await app.inject({ url: '/c/phones-digital?inStock=1' });
    const count = (body: string) => Number(body.match(/共 (\d+) 件商品/)?.[1]);
    expect(count(inStock.body)).toBeLessThanOrEqual(count(all.body));
    expect(inStock.body).toMatch(/name="inStock" value="1"\s+checked/);
  });

  it('answers an unknown category with the HTML 404 page', async () => {
    const res = await app.inject({ url: '/c/no-such-category', headers: EN });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });
});

describe('search results', () => {
  it('finds products for a Chinese query', async () => {
    const res = await app.inject({ url: `/search?q=${encodeURIComponent('手机')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('“手机”的搜索结果');
    expect(res.body).toContain('data-testid="results"');
    expect(res.body).toContain('<meta name="robots" content="noindex">');
  });

  it('says which corrected query it searched for a typo', async () => {
    const res = await app.inject({ url: '/search?q=headphnes', headers: EN });
    expect(res.body).toContain('data-testid="did-you-mean"');
    expect(res.body).toContain('Did you mean “headphones”?');
    expect(res.body).toContain('data-testid="results"');
  });

  it('shows the empty state when nothing matches', async () => {
    const res = await app.inject({ url: '/search?q=zzqqxxjj', headers: EN });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="empty-results"');
    expect(res.body).toContain('Nothing matched “zzqqxxjj”.');
  });

  it('escapes a hostile query everywhere it is shown', async () => {
    const hostile = '"><script>alert(1)</script>';
    const res = await app.inject({ url: `/search?q=${encodeURIComponent(hostile)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('product page', () => {
  it('shows price, stock, variant picker, add-to-cart and related items in both languages', async () => {
    const { slug } = await productInStock(sql);
    const zh = await app.inject({ url: `/p/${slug}` });
    expect(zh.statusCode).toBe(200);
    expect(zh.body).toContain('加入购物车');
    expect(zh.body).toMatch(/data-testid="stock-status"[^>]*>(有货|仅剩 \d+ 件)</);
    expect(zh.body).toContain('name="variantId"');
    expect(zh.body).toContain('id="variant-data"');
    expect(zh.body).toContain('¥');
    expect(zh.body).toContain('US$');
    const en = await app.inject({ url: `/p/${slug}`, headers: EN });
    expect(en.body).toContain('Add to cart');
    expect(en.body).toContain(`<link rel="canonical" href="http://localhost:3000/p/${slug}">`);
  });

  it('turns the no-JavaScript picker form into a ?variant= URL', async () => {
    const [row] = await sql<{ slug: string; code: string; value: string; variant_id: string }[]>`
      select p.slug, kv.key as code, kv.value #>> '{}' as value, v.id as variant_id
        from products p join variants v on v.product_id = p.id,
             jsonb_each(v.option_values) kv
       where p.status = 'published' and v.is_active
       order by p.slug, v.id limit 1`;
    const res = await app.inject({ url: `/p/${row!.slug}?o.${row!.code}=${encodeURIComponent(row!.value)}` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/p/${row!.slug}\\?variant=var_`));
  });

  it('escapes hostile product text', async () => {
    // A product no other test reads, so no cached copy of it exists yet.
    const [row] = await sql<{ slug: string; id: string }[]>`
      select slug, id from products where status = 'published' order by slug desc limit 1`;
    const { slug, id: productId } = row!;
    await sql`update products set title_zh = ${'<img src=x onerror=alert(1)>'},
      description_zh = ${'</script><script>alert(2)</script>'} where id = ${productId}`;
    const res = await app.inject({ url: `/p/${slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('<script>alert(2)');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('answers an unknown product with a 404 page in the shopper language', async () => {
    const res = await app.inject({ url: '/p/no-such-product' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('页面不存在');
  });
});

describe('catalog page cache', () => {
  it('shares a cached page between anonymous visitors but renders personal parts for a session', async () => {
    const { slug, variantId } = await productInStock(sql, 3);
    const first = await app.inject({ url: `/p/${slug}?cache=1` });
    const again = await app.inject({ url: `/p/${slug}?cache=1` });
    expect(again.body).toBe(first.body);
    expect(first.body).toContain('name="_csrf" value=""');
    const shopper = browser(app);
    await shopper.post('/cart/items', { variantId, quantity: '2' });
    const personal = await shopper.get(`/p/${slug}?cache=1`);
    expect(personal.body).not.toBe(first.body);
    expect(personal.body).toMatch(/data-cart-count\s*>2</);
    expect(personal.body).not.toContain('name="_csrf" value=""');
    const anonymous = await app.inject({ url: `/p/${slug}?cache=1` });
    expect(anonymous.body).not.toContain('data-cart-count >2<');
  });
});

describe('static assets', () => {
  it('serves hashed assets as immutable and compressed, and refuses stale names', async () => {
    const res = await app.inject({ url: assetUrl('app.css'), headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toContain('text/css');
    const stale = await app.inject({ url: '/assets/app.0000000000.css' });
    expect(stale.statusCode).toBe(404);
  });
});
