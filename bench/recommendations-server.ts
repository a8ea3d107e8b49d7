/**
 * The Lantern the recommendations bench measures, in its own process: embedded PostgreSQL with
 * the demo shop, one training run stored in PostgreSQL (the serving cache then loads it from the
 * database, as after a restart), a visitor with personalisation on who viewed three products of
 * one category, and the HTTP app. Prints `ready {json}` with the visitor key and a product id.
 *
 * Env: PORT, EMBEDDED_PG_PORT (both required: the bench picks free ones), LANTERN_DATA_DIR (.data/rec-bench).
 */
import path from 'node:path';
import { createAppDeps } from '../src/app/app-deps.ts';
import { loadConfig } from '../src/app/config.ts';
import { connect } from '../src/app/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../src/app/embedded-postgres.ts';
import { migrate } from '../src/app/migrate.ts';
import { seedDemoShop } from '../src/demo/seed.ts';
import { buildLanternApp, createLanternDeps, lanternMigrations } from '../src/lantern.ts';
import {
  newShopperKey,
  recordBehaviourEvents,
  setShopperConsent,
  trainRecommendationModels,
} from '../src/modules/recommendations/index.ts';

process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

const port = Number(process.env.PORT);
const pgPort = Number(process.env.EMBEDDED_PG_PORT);
if (!port || !pgPort) throw new Error('set PORT and EMBEDDED_PG_PORT (bench/recommendations-bench.ts does)');
const dataDir = path.resolve(process.env.LANTERN_DATA_DIR || '.data/rec-bench');

const embedded = await startEmbeddedPostgres(dataDir, pgPort);
await ensureDatabase(embedded.adminUrl, 'lantern');
const sql = connect(embedded.urlFor('lantern'));
await migrate(sql, lanternMigrations());
await seedDemoShop(sql);
const trained = await trainRecommendationModels(sql, { force: true });

const [category] = await sql<{ category_id: string }[]>`
  select category_id from products where status = 'published'
   group by category_id having count(*) >= 8 order by category_id limit 1`;
const viewed = await sql<{ id: string }[]>`
  select id from products where category_id = ${category!.category_id} and status = 'published'
   order by id limit 3`;
const shopperKey = newShopperKey();
await setShopperConsent(sql, shopperKey, { personalisation: true, analytics: false });
await recordBehaviourEvents(
  sql,
  shopperKey,
  viewed.map((v) => ({ kind: 'product_view' as const, productId: v.id })),
);

// Steady state, not the minute after a bulk load: autovacuum and a checkpoint would otherwise
// run during the measurements (the fresh demo seed writes some 15,000 events at once).
await sql`vacuum analyze`;
await sql`checkpoint`;

const config = { ...loadConfig(), databaseUrl: embedded.urlFor('lantern'), seedDemo: false };
const { deps, close: closeDeps } = await createAppDeps(sql, config);
const app = await buildLanternApp(createLanternDeps(deps));
await app.listen({ port, host: '127.0.0.1' });

const stopAll = async () => {
  await app.close();
  await closeDeps();
  await sql.end({ timeout: 5 });
  await embedded.stop();
  process.exit(0);
};
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
// The demo shop's own consented visitors (seeded history): many personal answers, not one.
const visitors = await sql<{ key: string }[]>`
  select key from shopper_keys where personalisation order by key limit 300`;
console.log(
  `ready ${JSON.stringify({
    shopperKey,
    visitorKeys: visitors.map((v) => v.key),
    productId: viewed[0]!.id,
    training: trained,
  })}`,
);
