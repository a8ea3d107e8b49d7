import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.ts';
import {
  newShopperKey,
  recordBehaviourEvents,
  SHOPPER_KEY_COOKIE,
  setShopperConsent,
  trainRecommendationModels,
} from '../../modules/recommendations/index.ts';
import { visitorWhoViewed as consentedVisitorWhoViewed } from '../../modules/recommendations/testing.ts';
import { reindexAllProducts } from '../../modules/search/index.ts';
import { renderRecommendationShelf } from './components/recommendation-shelf.ts';
import { browser, csrfOf } from './storefront-test-helpers.ts';

const { app, sql } = await createTestApp();
const CONSENTED = 'lantern_consent=v1.1.0';

/** Two in-stock products bought together by several consenting shoppers (a rule the model learns). */
let first: { id: string; slug: string; variantId: string };
let partner: { id: string; slug: string };

beforeAll(async () => {
  await reindexAllProducts(sql);
  const rows = await sql<{ id: string; slug: string; variant_id: string }[]>`
    select p.id, p.slug, min(v.id) as variant_id
      from products p join variants v on v.product_id = p.id and v.is_active
      join stock_levels s on s.variant_id = v.id
     where p.status = 'published'
     group by p.id, p.slug
    having sum(s.on_hand - s.reserved) >= 20
     order by p.sales_count, p.id limit 2`;
  first = { id: rows[0]!.id, slug: rows[0]!.slug, variantId: rows[0]!.variant_id };
  partner = { id: rows[1]!.id, slug: rows[1]!.slug };
  for (let n = 0; n < 4; n++) {
    const shopper = newShopperKey();
    await setShopperConsent(sql, shopper, { personalisation: true, analytics: false });
    await recordBehaviourEvents(sql, shopper, [
      { kind: 'purchase', productId: first.id },
      { kind: 'purchase', productId: partner.id },
    ]);
  }
  await trainRecommendationModels(sql, { force: true });
});

/** The shelf of `placement` in a page, or undefined when the page has none. */
function shelfOf(body: string, placement: string): string | undefined {
  const start = body.indexOf(`data-rec-placement="${placement}"`);
  if (start < 0) return undefined;
  const end = body.indexOf('</section>', start);
  return body.slice(body.lastIndexOf('<section', start), end);
}

function productIdsOf(shelf: string): string[] {
  return [...shelf.matchAll(/data-rec-product="(prod_\w+)"/g)].map((m) => m[1]!);
}

function reasonsOf(shelf: string): string[] {
  return [...shelf.matchAll(/<p class="card-reason">([^<]*)<\/p>/g)].map((m) => m[1]!);
}

/** A visitor who allowed personalisation and viewed three products of one leaf category. */
async function visitorWhoViewed(category: string) {
  const viewed = (
    await sql<{ id: string }[]>`
      select id from products where category_id = ${category} and status = 'published' order by id limit 3`
  ).map((r) => r.id);
  const key = await consentedVisitorWhoViewed(sql, viewed);
  return { cookie: `${SHOPPER_KEY_COOKIE}=${key}; ${CONSENTED}`, viewed };
}

async function categoryOf(productId: string): Promise<string> {
  const [row] = await sql<
    { category_id: string }[]
  >`select category_id from products where id = ${productId}`;
  return row!.category_id;
}

/** Leaf categories with enough published products that three viewed still leave others, rarest sellers first. */
async function quietCategories(): Promise<string[]> {
  const rows = await sql<{ category_id: string }[]>`
    select category_id from products where status = 'published'
     group by category_id having count(*) >= 8 order by sum(sales_count), category_id limit 2`;
  return rows.map((r) => r.category_id);
}

describe('home "for you" shelf', () => {
  it('renders with its placement, strategy, product links, reasons and the "why" link', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    const shelf = shelfOf(res.body, 'home_for_you')!;
    expect(shelf).toBeDefined();
    expect(shelf).toContain('data-rec-strategy="hybrid"');
    expect(shelf).toContain('aria-labelledby="rec-home_for_you"');
    expect(shelf).toContain('<h2 id="rec-home_for_you">为你推荐</h2>');
    expect(shelf).toContain('href="/interests"');
    expect(productIdsOf(shelf)).toHaveLength(5);
    expect(reasonsOf(shelf)).toHaveLength(5);
    expect(reasonsOf(shelf).every((r) => r.length > 0)).toBe(true);
    expect(shelf).toContain('loading="lazy"');
    // The existing shelves stay, and best sellers are not shown twice.
    const hot = res.body.slice(
      res.body.indexOf('data-testid="hot-list"'),
      res.body.indexOf('data-testid="new-list"'),
    );
    const slugs = (markup: string) => [...markup.matchAll(/href="\/p\/([^"]+)"/g)].map((m) => m[1]!);
    expect(slugs(hot)).toHaveLength(10);
    expect(slugs(shelf).filter((slug) => slugs(hot).includes(slug))).toEqual([]);
  });

  it('serves a visitor their own shelf fresh, and never to anyone else from the page cache', async () => {
    const [categoryA, categoryC] = await quietCategories();
    const anonymous = { cookie: CONSENTED };
    // Another visitor warms the cache for the same URL and preferences first.
    const before = await app.inject({ url: '/', headers: anonymous });
    const shared = productIdsOf(shelfOf(before.body, 'home_for_you')!);

    const a = await visitorWhoViewed(categoryA!);
    const pageA = await app.inject({ url: '/', headers: { cookie: a.cookie } });
    expect(pageA.headers['cache-control']).toBe('private, no-store');
    const shelfA = shelfOf(pageA.body, 'home_for_you')!;
    const firstA = productIdsOf(shelfA)[0]!;
    expect(await categoryOf(firstA)).toBe(categoryA);
    expect(reasonsOf(shelfA)[0]).toMatch(/^因为你浏览过「.+」$/);
    expect(productIdsOf(shelfA)).not.toContain(a.viewed[2]);

    // A second personal visitor gets their own category, not A's page.
    const c = await visitorWhoViewed(categoryC!);
    const pageC = await app.inject({ url: '/', headers: { cookie: c.cookie } });
    expect(await categoryOf(productIdsOf(shelfOf(pageC.body, 'home_for_you')!)[0]!)).toBe(categoryC);

    // The anonymous visitor still gets the shared shelf, with no trace of A's views.
    const after = await app.inject({ url: '/', headers: anonymous });
    expect(after.headers['cache-control']).not.toContain('no-store');
    expect(productIdsOf(shelfOf(after.body, 'home_for_you')!)).toEqual(shared);
    expect(after.body).not.toContain('因为你浏览过');
  });
});

describe('product page shelves', () => {
  it('shows "frequently bought together" and "similar items" with reasons naming the product', async () => {
    const res = await app.inject({ url: `/p/${first.slug}` });
    expect(res.statusCode).toBe(200);
    const together = shelfOf(res.body, 'product_bought_together')!;
    expect(together).toContain('经常一起购买');
    expect(productIdsOf(together)[0]).toBe(partner.id);
    expect(reasonsOf(together)[0]).toMatch(/^常与「.+」一起购买$/);
    const similar = shelfOf(res.body, 'product_similar')!;
    expect(similar).toContain('看了又看');
    expect(reasonsOf(similar)[0]).toMatch(/^与「.+」相似$/);
    expect(productIdsOf(similar)).not.toContain(first.id);
    // The two shelves never repeat a product.
    expect(productIdsOf(similar).filter((id) => productIdsOf(together).includes(id))).toEqual([]);
  });

  it('labels the shelves in English for an English visitor', async () => {
    const res = await app.inject({
      url: `/p/${first.slug}`,
      headers: { cookie: 'lantern_prefs=en.system.comfortable' },
    });
    expect(shelfOf(res.body, 'product_bought_together')).toContain('Frequently bought together');
    expect(reasonsOf(shelfOf(res.body, 'product_bought_together')!)[0]).toMatch(/^Often bought with /);
    expect(shelfOf(res.body, 'product_similar')).toContain('Why these?');
  });
});

describe('cart and order confirmation shelves', () => {
  it('completes the order from the cart and again on the confirmation page, never offering what is in it', async () => {
    const shopper = browser(app);
    const emptyCart = await shopper.get('/cart');
    expect(emptyCart.body).not.toContain('data-rec-placement');
    await shopper.post('/cart/items', { variantId: first.variantId, quantity: '1' });
    const cart = await shopper.get('/cart');
    expect(cart.statusCode).toBe(200);
    const complete = shelfOf(cart.body, 'cart_complete')!;
    expect(complete).toContain('搭配购买');
    expect(productIdsOf(complete)[0]).toBe(partner.id);
    expect(productIdsOf(complete)).not.toContain(first.id);
    expect(reasonsOf(complete)[0]).toMatch(/^常与「.+」一起购买$/);

    const checkout = await shopper.get('/checkout');
    const placed = await shopper.post('/checkout', {
      _csrf: csrfOf(checkout.body),
      idempotencyKey: checkout.body.match(/name="idempotencyKey" value="([^"]+)"/)![1]!,
      email: 'shelf@example.com',
      phone: '13900002222',
      recipient: '李小灯',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      line1: '文三路 2 号',
      postalCode: '310000',
      deliveryOption: 'standard',
      cardNumber: '4242 4242 4242 4242',
      expMonth: '12',
      expYear: '2030',
      cvc: '123',
      holder: 'Li Xiaodeng',
    });
    expect(placed.statusCode).toBe(303);
    const order = await shopper.get(placed.headers.location as string);
    expect(order.statusCode).toBe(200);
    expect(order.body).toContain('data-testid="order-confirmed"');
    const confirmation = shelfOf(order.body, 'order_confirmation')!;
    expect(productIdsOf(confirmation)[0]).toBe(partner.id);
    expect(productIdsOf(confirmation)).not.toContain(first.id);
    expect(reasonsOf(confirmation)).toHaveLength(productIdsOf(confirmation).length);
  });
});

describe('search "you may like" shelf', () => {
  it('shows under a search with no results', async () => {
    const res = await app.inject({ url: `/search?q=${encodeURIComponent('qzxv')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="empty-results"');
    const shelf = shelfOf(res.body, 'search_empty')!;
    expect(shelf).toContain('猜你喜欢');
    expect(productIdsOf(shelf).length).toBeGreaterThan(0);
    expect(reasonsOf(shelf).length).toBe(productIdsOf(shelf).length);
  });

  it('is left out when the search finds plenty', async () => {
    const res = await app.inject({ url: `/search?q=${encodeURIComponent('手机')}` });
    expect(res.body).toContain('data-testid="results"');
    expect(res.body).not.toContain('data-rec-placement');
  });
});

describe('renderRecommendationShelf', () => {
  it('renders nothing for a failed or empty placement', () => {
    expect(renderRecommendationShelf('zh-CN', null)).toBeNull();
    expect(
      renderRecommendationShelf('en', { placement: 'home_for_you', label: 'hybrid', items: [] }),
    ).toBeNull();
  });

  it('escapes the reason text', () => {
    const shelf = renderRecommendationShelf('en', {
      placement: 'product_similar',
      label: 'exp_1.b',
      items: [
        {
          product: {
            id: 'prod_x',
            slug: 'x',
            title: { zh: 'X', en: 'X' },
            brand: null,
            price: { amountMinor: 100, currency: 'CNY' },
            compareAt: null,
            image: null,
            inStock: true,
            salesCount: 0,
          },
          reason: { code: 'similar', title: '<b>' },
        },
      ],
    })!.value;
    expect(shelf).toContain('data-rec-strategy="exp_1.b"');
    expect(shelf).toContain('<p class="card-reason">Similar to &lt;b&gt;</p>');
  });
});
