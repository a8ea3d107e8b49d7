import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.ts';
import { buildDemoRows } from './demo-products.ts';
import { seedDemoShop } from './seed.ts';

// One clone of the template for the file: every test here only reads it.
const { sql } = await createTestDatabase();

describe('seedDemoShop', () => {
  it('has seeded the template with a full bilingual shop', async () => {
    const [counts] = await sql<
      { products: number; top: number; categories: number; brands: number; warehouses: number }[]
    >`select (select count(*) from products)::int as products,
             (select count(*) from categories where parent_id is null)::int as top,
             (select count(*) from categories)::int as categories,
             (select count(*) from brands)::int as brands,
             (select count(*) from warehouses)::int as warehouses`;
    expect(counts!.products).toBeGreaterThanOrEqual(320);
    expect(counts!.top).toBeGreaterThanOrEqual(12);
    expect(counts!.categories).toBeGreaterThan(counts!.top);
    expect(counts!.brands).toBeGreaterThanOrEqual(24);
    expect(counts!.warehouses).toBe(2);

    const stock = await sql<{ product_id: string; total: number }[]>`
      select v.product_id, sum(s.on_hand)::int as total
        from variants v join stock_levels s on s.variant_id = v.id group by v.product_id`;
    expect(stock.filter((s) => s.total === 0).length).toBeGreaterThan(5);
    expect(stock.filter((s) => s.total > 0 && s.total <= 5).length).toBeGreaterThan(5);
    expect(stock.filter((s) => s.total > 20).length).toBeGreaterThan(200);

    const statuses = await sql<{ status: string }[]>`select distinct status from products order by 1`;
    expect(statuses.map((s) => s.status)).toEqual(['archived', 'draft', 'published']);
    const [headphones] = await sql`select 1 from products where status = 'published'
      and title_zh like '%无线蓝牙降噪耳机%' and title_en ilike '%headphones%'`;
    expect(headphones).toBeDefined();
    for (const word of ['连衣裙', '运动鞋', '保温杯', '笔记本电脑', '面霜']) {
      const [hit] = await sql`select 1 from products where title_zh like ${`%${word}%`}`;
      expect(hit, word).toBeDefined();
    }
    const [accounts] = await sql<{ n: number }[]>`
      select (select count(*) from staff_users where email in ('merchant@lantern.test', 'agent@lantern.test'))
           + (select count(*) from customers c join addresses a on a.customer_id = c.id and a.is_default
               where c.email = 'shopper@lantern.test' and c.phone = '13800138000') as n`;
    expect(Number(accounts!.n)).toBe(3);
    const [image] = await sql<{ size: number; type: string }[]>`
      select length(f.bytes) as size, f.content_type as type from product_media m
        join media_files f on m.url = '/media/' || f.id limit 1`;
    expect(image!.type).toBe('image/svg+xml');
    expect(image!.size).toBeLessThan(2500);
    const [indexed] = await sql<{ n: number }[]>`select count(*)::int as n from search_documents`;
    expect(indexed!.n).toBeGreaterThanOrEqual(300);
  });

  it('has seeded 60 days of consented demo behaviour, without orders or customers', async () => {
    const [seen] = await sql<
      {
        keys: number;
        consenting: number;
        events: number;
        purchases: number;
        unpublished: number;
        oldest: number;
      }[]
    >`select (select count(*) from shopper_keys where key like 'vk_demo%' and customer_id is null)::int as keys,
             (select count(*) from shopper_keys where personalisation and analytics)::int as consenting,
             (select count(*) from behaviour_events where for_personalisation and for_analytics)::int as events,
             (select count(*) from behaviour_events where kind = 'purchase')::int as purchases,
             (select count(*) from behaviour_events e join products p on p.id = e.product_id
               where p.status <> 'published' or e.occurred_at < p.published_at)::int as unpublished,
             (select extract(day from now() - min(occurred_at)) from behaviour_events)::int as oldest`;
    expect(seen).toMatchObject({ keys: 300, consenting: 300, unpublished: 0 });
    expect(seen!.events).toBeGreaterThanOrEqual(10_000);
    expect(seen!.events).toBeLessThanOrEqual(20_000);
    expect(seen!.purchases).toBeGreaterThan(300);
    expect(seen!.oldest).toBeLessThan(61);
    const [others] = await sql<{ orders: number; customers: number }[]>`
      select (select count(*) from orders)::int as orders, (select count(*) from customers)::int as customers`;
    expect(others).toEqual({ orders: 0, customers: 1 });
  });

  it('runs once: a second call finds the previous seed', async () => {
    expect(await seedDemoShop(sql)).toBeNull();
  });

  it('builds the same catalogue every time', () => {
    const a = buildDemoRows(0);
    const b = buildDemoRows(0);
    expect(a.products).toEqual(b.products);
    expect(new Set(a.variants.map((v) => v.sku)).size).toBe(a.variants.length);
  });
});
