/**
 * A broken recommendation engine never breaks a page. Its own file: the corrupt model must be the
 * first this process's model cache ever loads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import { HYBRID_MODEL } from '../../modules/recommendations/index.ts';
import { browser, productInStock } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp();

beforeAll(async () => {
  const [product] = await sql<{ id: string }[]>`select id from products where status = 'published' limit 1`;
  await sql`
    insert into recommendation_models (name, version, kind, trained_at, params, item_keys, data)
    values (${HYBRID_MODEL}, 1, 'hybrid', now(), '{}', ${[product!.id]}, ${Buffer.from('not a model')})`;
});

describe('pages with a corrupt recommendation model', () => {
  it('still render, with best sellers in the shelves', async () => {
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('data-testid="hot-list"');
    expect(home.body).toMatch(/data-rec-placement="home_for_you" data-rec-strategy="popular"/);
    expect(home.body).toContain('<p class="card-reason">热门商品</p>');

    const { slug, variantId } = await productInStock(sql);
    const product = await app.inject({ url: `/p/${slug}` });
    expect(product.statusCode).toBe(200);
    expect(product.body).toContain('data-testid="add-to-cart"');

    const shopper = browser(app);
    await shopper.post('/cart/items', { variantId, quantity: '1' });
    const cart = await shopper.get('/cart');
    expect(cart.statusCode).toBe(200);
    expect(cart.body).toContain('data-testid="cart-line"');

    const search = await app.inject({ url: '/search?q=qzxv' });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('data-testid="empty-results"');
  });
});
