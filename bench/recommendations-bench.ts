/**
 * Recommendations bench: starts a Lantern in its own process (demo shop, one training run stored
 * in PostgreSQL and loaded back by the serving cache), then measures GET /store/recommendations
 * with autocannon for the home "for you" placement (anonymous and a personal visitor) and the
 * product page "similar" placement, beside GET /health as the floor of this server on this
 * machine. Prints req/s, p50 and p99. Target: p99 under 10 ms.
 *
 *   node bench/recommendations-bench.ts
 *
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), PORT (3110), EMBEDDED_PG_PORT (55420),
 * LANTERN_DATA_DIR (.data/rec-bench).
 */
import { measure, spawnAndWait, stop, stopAll } from './bench-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const PORT = Number(process.env.PORT || 3110);

async function main() {
  const { child, readyLine } = await spawnAndWait(['bench/recommendations-server.ts'], {}, 'ready ');
  const ready = JSON.parse(readyLine.slice(readyLine.indexOf('{'))) as {
    shopperKey: string;
    productId: string;
    training: { trainingMs?: number; items?: number };
  };
  console.log(
    `recommendations bench: ${CONNECTIONS} connections, ${SECONDS} s per path; model of ${ready.training.items} items trained in ${ready.training.trainingMs} ms`,
  );
  const base = `http://127.0.0.1:${PORT}`;
  const personal = { cookie: `lantern_vid=${ready.shopperKey}` };
  const cases = [
    { name: 'floor: GET /health', path: '/health' },
    { name: 'home_for_you (anonymous)', path: '/store/recommendations?placement=home_for_you' },
    {
      name: 'home_for_you (personal)',
      path: '/store/recommendations?placement=home_for_you',
      headers: personal,
    },
    {
      name: 'product_similar',
      path: `/store/recommendations?placement=product_similar&product_id=${ready.productId}`,
    },
  ];
  try {
    for (const c of cases) {
      const check = await fetch(base + c.path, { headers: c.headers });
      const body = (await check.json()) as { personal?: boolean; strategy?: string; items?: unknown[] };
      const options = { connections: CONNECTIONS, seconds: SECONDS, headers: c.headers };
      await measure(base, c.path, { ...options, seconds: Math.min(3, SECONDS) }); // warm-up
      const f = await measure(base, c.path, options);
      console.log(
        `${c.name.padEnd(26)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(3)} ms  p99 ${String(f.p99).padStart(3)} ms  non-2xx ${f.non2xx}  ${body.items ? `(${body.strategy}, personal ${body.personal}, ${body.items.length} items)` : ''}`,
      );
    }
  } finally {
    await stop(child);
  }
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
