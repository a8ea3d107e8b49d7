import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.ts';
import { reindexAllProducts } from '../reindex-products.ts';

let app: FastifyInstance;
beforeAll(async () => {
  const created = await createTestApp();
  app = created.app;
  await reindexAllProducts(created.sql);
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /store/search', () => {
  it('returns product cards and named facets for a Chinese query', async () => {
    const response = await get(`/store/search?q=${encodeURIComponent('蓝牙耳机')}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((i: { title: { zh: string } }) => i.title.zh).join()).toContain('无线蓝牙降噪耳机');
    expect(body.items[0]).toHaveProperty('price.amountMinor');
    expect(body.facets.brands[0].name.zh).toEqual(expect.any(String));
    expect(body.total).toBeGreaterThanOrEqual(body.items.length);
  });

  it('filters a category listing by slug and sorts by price', async () => {
    const all = (await get('/store/search?sort=price_asc&page_size=48')).json();
    const category = all.facets.categories[0];
    const body = (await get(`/store/search?category=${category.slug}&sort=price_asc&page_size=48`)).json();
    const prices = body.items.map((i: { price: { amountMinor: number } }) => i.price.amountMinor);
    expect(body.total).toBe(category.count);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it.each([
    ['sort=cheapest', 'sort'],
    ['page_size=500', 'page_size'],
    ['price_min=500&price_max=100', 'price_max'],
    ['page=0', 'page'],
  ])('refuses %s with a problem naming %s', async (query, field) => {
    const response = await get(`/store/search?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json().errors)).toContain(field);
  });
});

describe('GET /store/search/suggest', () => {
  it('suggests from a pinyin prefix', async () => {
    const body = (await get('/store/search/suggest?q=lanya')).json();
    expect(body.items.map((i: { label: string }) => i.label).join()).toContain('蓝牙');
  });

  it('refuses an empty prefix', async () => {
    expect((await get('/store/search/suggest?q=')).statusCode).toBe(400);
  });
});
