/**
 * While the database is away a browser gets a translated page, an API client problem+json: both
 * 503 with Retry-After (decision 0008). The app here runs on a pool whose server never answers.
 */
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../test/free-port.ts';
import { buildTestApp } from '../../../test/support.ts';
import { connect } from '../../app/database.ts';

const sql = connect(`postgres://nobody:secret@127.0.0.1:${await freePort()}/none`, { log: () => {} });
const app = await buildTestApp(sql);
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the database-unavailable page', () => {
  it('answers a browser with a page in its language, 503 and Retry-After', async () => {
    const zh = await app.inject({
      url: '/search?q=x',
      headers: { accept: HTML, 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(zh.statusCode).toBe(503);
    expect(zh.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(zh.headers['retry-after'])).toBeGreaterThan(0);
    expect(zh.headers['cache-control']).toBe('no-store');
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('<h1>商店暂时无法访问</h1>');
    expect(zh.body).toContain(`content="${zh.headers['retry-after']}"`);

    const en = await app.inject({ url: '/', headers: { accept: HTML, 'accept-language': 'en-GB' } });
    expect(en.statusCode).toBe(503);
    expect(en.body).toContain('<h1>The shop is briefly unavailable</h1>');
    const admin = await app.inject({
      url: '/admin/console/orders',
      headers: { accept: HTML, cookie: 'lantern_staff=someone; lantern_admin_lang=en' },
    });
    expect(admin.statusCode).toBe(503);
    expect(admin.body).toContain('lang="en"');
  });

  it('answers API clients, /health and JSON requests with problem+json as before', async () => {
    for (const [url, accept] of [
      ['/store/products', 'application/json'],
      ['/store/products', HTML],
      ['/search?q=x', 'application/json'],
      ['/health', HTML],
    ] as const) {
      const res = await app.inject({ url, headers: { accept } });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['content-type'], `${url} ${accept}`).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json()).toMatchObject({ type: '/problems/database_unavailable' });
    }
  });
});
