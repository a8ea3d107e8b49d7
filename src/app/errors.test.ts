import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support.ts';

// One app for the file: these requests only read, so no test needs a fresh database.
const { app } = await createTestApp();

describe('problem+json', () => {
  it('answers an unknown route with a 404 problem document', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: '/problems/route_not_found',
      status: 404,
      code: 'route_not_found',
    });
  });

  it('reports the database as healthy', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('not found', () => {
  it('gives browsers the HTML 404 page for unknown pages, and API clients problem+json', async () => {
    const page = await app.inject({ url: '/no/such/page', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await app.inject({ url: '/store/no-such-thing', headers: { accept: 'text/html' } });
    expect(api.headers['content-type']).toContain('application/problem+json');
  });
});
