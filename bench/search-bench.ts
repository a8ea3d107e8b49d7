/**
 * Search benchmark: indexes a synthetic 100k-product bilingual catalogue on its own embedded
 * PostgreSQL (a dedicated database), then runs a mix of searches with filters and facets, and
 * type-ahead prefixes, many times each; prints p50/p95/p99 per query kind and overall.
 *
 *   node bench/search-bench.ts [--products 100000] [--rounds 20] [--reuse]
 *
 * `--reuse` skips generation when the database already holds the catalogue. Env:
 * SEARCH_BENCH_PG_PORT (default 25492), SEARCH_BENCH_DATA_DIR (default .data/search-bench).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Sql } from '../src/app/database.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../src/app/embedded-postgres.ts';
import { listMigrations, migrate } from '../src/app/migrate.ts';
import { lanternModules } from '../src/lantern.ts';
import { type SearchQuery, searchProducts, suggest } from '../src/modules/search/index.ts';
import { indexDocuments, recountTerms } from '../src/modules/search/index-documents.ts';
import { BENCH_IDS, generateCatalogue } from './search-catalogue.ts';

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
  },
});
const PRODUCTS = Number(args.products);
const ROUNDS = Number(args.rounds);
const DATABASE = 'lantern_search_bench';
const SHARED_BUFFERS = '1GB';

type Kind = 'zh' | 'en' | 'typo' | 'pinyin' | 'broad' | 'filtered' | 'listing' | 'suggest';
interface Case {
  kind: Kind;
  label: string;
  run: (sql: Sql) => Promise<unknown>;
}

const { electronics, headphones, clothing, kitchen, sony, huawei, uniqlo } = BENCH_IDS;
const s = (kind: Kind, label: string, query: Partial<SearchQuery>): Case => ({
  kind,
  label,
  run: (sql) => searchProducts(sql, { sort: 'relevance', page: 1, pageSize: 24, ...query }),
});
const t = (label: string): Case => ({
  kind: 'suggest',
  label: `suggest ${label}`,
  run: (sql) => suggest(sql, label, 8),
});

const CASES: Case[] = [
  s('zh', '蓝牙耳机', { q: '蓝牙耳机' }),
  s('zh', '藍牙耳機 (traditional)', { q: '藍牙耳機' }),
  s('zh', '降噪耳机 索尼', { q: '降噪耳机 索尼' }),
  s('zh', '纯棉T恤', { q: '纯棉T恤' }),
  s('zh', '羽绒服 保暖', { q: '羽绒服 保暖' }),
  s('zh', '扫地机器人', { q: '扫地机器人' }),
  s('zh', '华为手机', { q: '华为手机' }),
  s('zh', '不锈钢保温杯', { q: '不锈钢保温杯' }),
  s('zh', '龙井茶', { q: '龙井茶' }),
  s('en', 'wireless headphones', { q: 'wireless headphones' }),
  s('en', 'running shoes', { q: 'running shoes' }),
  s('en', 'sony', { q: 'sony' }),
  s('en', 'robot vacuum', { q: 'robot vacuum' }),
  s('en', 'down jacket black', { q: 'down jacket black' }),
  s('en', 'serum moisturising', { q: 'serum moisturising' }),
  s('typo', 'headphnes', { q: 'headphnes' }),
  s('typo', 'smartphnoe', { q: 'smartphnoe' }),
  s('typo', 'wireles charger', { q: 'wireles charger' }),
  s('pinyin', '蓝芽耳机 (homophone)', { q: '蓝芽耳机' }),
  s('pinyin', 'lanya erji', { q: 'lanya erji' }),
  s('broad', '耳机', { q: '耳机' }),
  s('broad', 'black', { q: 'black' }),
  s('broad', '黑色 page 5', { q: '黑色', page: 5 }),
  s('broad', 'electronics', { q: 'electronics' }),
  s('filtered', '耳机 + sony + in stock', { q: '耳机', brandIds: [sony], inStock: true }),
  s('filtered', 'headphones ¥100–¥500 by price', {
    q: 'headphones',
    priceMinMinor: 10_000,
    priceMaxMinor: 50_000,
    sort: 'price_asc',
  }),
  s('filtered', '手机 huawei newest', { q: '手机', brandIds: [huawei], sort: 'newest' }),
  s('filtered', 'cotton in clothing', { q: 'cotton', categoryId: clothing }),
  s('listing', 'all products best selling', {}),
  s('listing', 'electronics newest', { categoryId: electronics, sort: 'newest' }),
  s('listing', 'headphones price asc page 3', { categoryId: headphones, sort: 'price_asc', page: 3 }),
  s('listing', 'clothing uniqlo in stock', { categoryId: clothing, brandIds: [uniqlo], inStock: true }),
  s('listing', 'kitchen ¥50–¥300', { categoryId: kitchen, priceMinMinor: 5_000, priceMaxMinor: 30_000 }),
  t('蓝牙'),
  t('藍'),
  t('lany'),
  t('lyej'),
  t('wirel'),
  t('hua'),
  t('s'),
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function line(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${label.padEnd(34)} n=${String(sorted.length).padStart(5)} p50${f(percentile(sorted, 50))} p95${f(percentile(sorted, 95))} p99${f(percentile(sorted, 99))} ms`;
}

async function load(sql: Sql) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from search_documents`;
  if (args.reuse && row && row.n >= PRODUCTS) {
    console.log(`reusing ${row.n} indexed products`);
    return;
  }
  await sql`truncate search_documents, search_vectors, search_terms, search_suggestions, search_labels, search_facet_cube`;
  let started = performance.now();
  const catalogue = generateCatalogue(PRODUCTS);
  console.log(
    `generated ${catalogue.length} products in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  // bulk load: GIN indexes are built once afterwards, not maintained row by row
  const gin = await sql<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
     where tablename like 'search\_%' and indexdef like '%USING gin%'`;
  for (const index of gin) await sql.unsafe(`drop index ${index.indexname}`);
  const chunk = 2_000;
  let next = 0;
  // two loaders: one segments text in JavaScript while the other's rows go into PostgreSQL
  const loader = async () => {
    while (next < catalogue.length) {
      const from = next;
      next += chunk;
      await indexDocuments(sql, catalogue.slice(from, from + chunk));
    }
  };
  await Promise.all([loader(), loader()]);
  for (const index of gin) await sql.unsafe(index.indexdef);
  await recountTerms(sql);
  await sql`vacuum analyze search_documents`;
  await sql`vacuum analyze search_vectors`;
  await sql`vacuum analyze search_terms`;
  await sql`vacuum analyze search_suggestions`;
  await sql`analyze search_labels`;
  console.log(`indexed and analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The default 128 MB of shared buffers cannot hold a 100k catalogue's search tables (~400 MB
 * with indexes); a shop of that size gives PostgreSQL more. Set once in the bench's own cluster.
 */
async function withSharedBuffers(
  pg: Awaited<ReturnType<typeof startEmbeddedPostgres>>,
  dataDir: string,
  port: number,
) {
  const admin = connect(pg.adminUrl, { max: 1 });
  const [row] = await admin<{ shared_buffers: string }[]>`show shared_buffers`;
  if (row?.shared_buffers === SHARED_BUFFERS) {
    await admin.end();
    return pg;
  }
  await admin.unsafe(`alter system set shared_buffers = '${SHARED_BUFFERS}'`);
  await admin.end();
  await pg.stop();
  return startEmbeddedPostgres(dataDir, port);
}

async function main() {
  const port = Number(process.env.SEARCH_BENCH_PG_PORT || 25_492);
  const dataDir = path.resolve(process.env.SEARCH_BENCH_DATA_DIR || '.data/search-bench');
  let pg = await startEmbeddedPostgres(dataDir, port);
  pg = await withSharedBuffers(pg, dataDir, port);
  if (!args.reuse) {
    // a fresh database each run: a run stopped half-way (indexes dropped) never leaks into the next
    const admin = connect(pg.adminUrl, { max: 1 });
    await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
    await admin.end();
  }
  await ensureDatabase(pg.adminUrl, DATABASE);
  const sql = connect(pg.urlFor(DATABASE), { max: 4 });
  try {
    // only the platform's and search's tables: the benchmark needs nothing else
    await migrate(
      sql,
      listMigrations(
        lanternModules.filter((m) => m.name === 'platform' || m.name === 'search').map((m) => m.migrations!),
      ),
    );
    await load(sql);
    for (const c of CASES) await c.run(sql); // warm caches and plans
    const byCase = new Map<Case, number[]>(CASES.map((c) => [c, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of CASES) {
        const t0 = performance.now();
        await c.run(sql);
        byCase.get(c)!.push(performance.now() - t0);
      }
    }
    console.log(
      `\n${CASES.length} queries × ${ROUNDS} rounds on ${PRODUCTS} products (sequential, one connection at a time)\n`,
    );
    for (const [c, times] of byCase) console.log(line(`[${c.kind}] ${c.label}`, times));
    console.log('');
    const kinds = [...new Set(CASES.map((c) => c.kind))];
    for (const kind of kinds)
      console.log(
        line(
          `kind ${kind}`,
          CASES.filter((c) => c.kind === kind).flatMap((c) => byCase.get(c)!),
        ),
      );
    const searches = CASES.filter((c) => c.kind !== 'suggest').flatMap((c) => byCase.get(c)!);
    console.log(line('ALL searches (with facets)', searches));
    console.log(line('ALL', [...byCase.values()].flat()));
  } finally {
    await sql.end();
    await pg.stop();
  }
}

await main();
