/**
 * Seeds the bilingual demo shop once: categories, brands, 330 products with variants, pictures,
 * stock in two warehouses, the demo accounts the README lists, and 60 days of pseudonymous
 * visitors' behaviour (views, searches, carts, purchases) so recommendations are meaningful at once. Rows go in with a few bulk
 * statements (`jsonb_to_recordset`), so the whole seed takes a few seconds.
 */
import type { Db, Sql, Tx } from '../app/database.ts';
import { newId } from '../app/ids.ts';
import { hashPassword } from '../modules/identity/index.ts';
import { reindexAllProducts } from '../modules/search/index.ts';
import { buildDemoBehaviour, type DemoBehaviour } from './demo-behaviour.ts';
import { buildDemoRows, type DemoRows } from './demo-products.ts';

/** Any constant: two processes starting at once seed once. */
const SEED_LOCK = 7_260_002;

export const DEMO_ACCOUNTS = {
  shopper: {
    email: 'shopper@lantern.test',
    phone: '13800138000',
    password: 'lantern-shopper',
    name: '林小灯',
  },
  merchant: { email: 'merchant@lantern.test', password: 'lantern-merchant', name: '陈店长' },
  agent: { email: 'agent@lantern.test', password: 'lantern-agent', name: '王客服' },
} as const;

const WAREHOUSES = [
  {
    id: 'wh_shanghai00000000',
    code: 'SH',
    name_zh: '上海仓',
    name_en: 'Shanghai',
    region: 'east',
    priority: 2,
  },
  {
    id: 'wh_guangzhou0000000',
    code: 'GZ',
    name_zh: '广州仓',
    name_en: 'Guangzhou',
    region: 'south',
    priority: 1,
  },
];

/** True once the database holds a catalogue or warehouses (a seed, or a merchant's own shop). */
export async function hasShopData(db: Db): Promise<boolean> {
  const [row] = await db`select 1 from warehouses union all select 1 from products limit 1`;
  return row !== undefined;
}

/** Seeds the demo shop into an empty database; returns null when a previous seed is found. */
export async function seedDemoShop(sql: Sql): Promise<{ products: number } | null> {
  const rows = buildDemoRows();
  // Hash outside the transaction: argon2 is slow on purpose and needs no lock.
  const [shopperHash, merchantHash, agentHash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.shopper.password),
    hashPassword(DEMO_ACCOUNTS.merchant.password),
    hashPassword(DEMO_ACCOUNTS.agent.password),
  ]);
  const seeded = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${SEED_LOCK})`;
    if (await hasShopData(tx)) return false;
    await insertCatalog(tx, rows);
    await insertStock(tx, rows);
    await insertAccounts(tx, { shopperHash, merchantHash, agentHash });
    await insertBehaviour(tx, buildDemoBehaviour(rows));
    return true;
  });
  if (!seeded) return null;
  // After commit: the search job would also build an empty index, but a fresh shop should be
  // searchable the moment it answers.
  await reindexAllProducts(sql);
  return { products: rows.products.length };
}

async function insertCatalog(tx: Tx, rows: DemoRows) {
  await tx`insert into categories (id, parent_id, slug, name_zh, name_en, position, consumable)
    select * from jsonb_to_recordset(${tx.json(rows.categories as never)})
      as x(id text, parent_id text, slug text, name_zh text, name_en text, position int, consumable boolean)`;
  await tx`insert into brands (id, slug, name_zh, name_en)
    select * from jsonb_to_recordset(${tx.json(rows.brands as never)})
      as x(id text, slug text, name_zh text, name_en text)`;
  await tx`insert into products (id, slug, status, title_zh, title_en, description_zh, description_en,
      brand_id, category_id, attributes, min_price_minor, max_price_minor, sales_count, rating_avg,
      rating_count, created_at, updated_at, published_at)
    select id, slug, status, title_zh, title_en, description_zh, description_en, brand_id, category_id,
           attributes, min_price_minor, max_price_minor, sales_count, rating_avg, rating_count,
           created_at, coalesce(published_at, created_at), published_at
      from jsonb_to_recordset(${tx.json(rows.products as never)})
      as x(id text, slug text, status text, title_zh text, title_en text, description_zh text,
           description_en text, brand_id text, category_id text, attributes jsonb, min_price_minor bigint,
           max_price_minor bigint, sales_count int, rating_avg numeric, rating_count int,
           created_at timestamptz, published_at timestamptz)`;
  await tx`insert into product_options (product_id, code, position, name_zh, name_en, "values")
    select * from jsonb_to_recordset(${tx.json(rows.options as never)})
      as x(product_id text, code text, position int, name_zh text, name_en text, "values" jsonb)`;
  await tx`insert into variants (id, product_id, sku, option_values, price_minor, compare_at_minor,
      weight_grams, position)
    select * from jsonb_to_recordset(${tx.json(rows.variants as never)})
      as x(id text, product_id text, sku text, option_values jsonb, price_minor bigint,
           compare_at_minor bigint, weight_grams int, position int)`;
  await tx`insert into media_files (id, content_type, bytes)
    select id, 'image/svg+xml', convert_to(svg, 'UTF8')
      from jsonb_to_recordset(${tx.json(rows.files as never)}) as x(id text, svg text)`;
  await tx`insert into product_media (id, product_id, url, alt_zh, alt_en, width, height, position)
    select * from jsonb_to_recordset(${tx.json(rows.media as never)})
      as x(id text, product_id text, url text, alt_zh text, alt_en text, width int, height int, position int)`;
}

async function insertStock(tx: Tx, rows: DemoRows) {
  await tx`insert into warehouses (id, code, name_zh, name_en, region, priority)
    select * from jsonb_to_recordset(${tx.json(WAREHOUSES as never)})
      as x(id text, code text, name_zh text, name_en text, region text, priority int)`;
  await tx`insert into stock_levels (variant_id, warehouse_id, on_hand)
    select x.variant_id, w.id, x.on_hand
      from jsonb_to_recordset(${tx.json(rows.stock as never)})
        as x(variant_id text, warehouse_code text, on_hand int)
      join warehouses w on w.code = x.warehouse_code`;
  await tx`insert into stock_movements (variant_id, warehouse_id, delta, reason, note, on_hand_after)
    select variant_id, warehouse_id, on_hand, 'seed', 'demo shop opening stock', on_hand
      from stock_levels where on_hand > 0`;
}

async function insertAccounts(
  tx: Tx,
  hashes: { shopperHash: string; merchantHash: string; agentHash: string },
) {
  const shopperId = newId('cus');
  const s = DEMO_ACCOUNTS.shopper;
  await tx`insert into customers (id, email, phone, name, password_hash)
    values (${shopperId}, ${s.email}, ${s.phone}, ${s.name}, ${hashes.shopperHash})`;
  await tx`insert into addresses (id, customer_id, recipient, phone, province, city, district, line1,
      postal_code, is_default)
    values (${newId('adr')}, ${shopperId}, ${s.name}, ${s.phone}, '上海市', '上海市', '徐汇区',
            '漕溪北路 88 号 12 楼', '200030', true)`;
  const m = DEMO_ACCOUNTS.merchant;
  const a = DEMO_ACCOUNTS.agent;
  await tx`insert into staff_users (id, email, name, role, password_hash) values
    (${newId('stf')}, ${m.email}, ${m.name}, 'merchant', ${hashes.merchantHash}),
    (${newId('stf')}, ${a.email}, ${a.name}, 'agent', ${hashes.agentHash})`;
}

/** Demo visitors (anonymous keys, consent on) and their events; no orders, no customers. */
async function insertBehaviour(tx: Tx, behaviour: DemoBehaviour) {
  await tx`insert into shopper_keys (key, personalisation, analytics, created_at)
    select key, true, true, created_at
      from jsonb_to_recordset(${tx.json(behaviour.shopperKeys as never)}) as x(key text, created_at timestamptz)`;
  // Oldest first, so ids follow time as they do for live events.
  await tx`insert into behaviour_events (shopper_key, kind, product_id, query, for_personalisation,
      for_analytics, occurred_at, received_at)
    select shopper_key, kind, product_id, query, true, true, occurred_at, occurred_at
      from rows from (jsonb_to_recordset(${tx.json(behaviour.events as never)})
        as (shopper_key text, kind text, product_id text, query text, occurred_at timestamptz))
        with ordinality as x(shopper_key, kind, product_id, query, occurred_at, n)
     order by n`;
}
