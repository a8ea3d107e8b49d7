/**
 * Recommendations bench: starts a Lantern in its own process (demo shop, one training run stored
 * in PostgreSQL and loaded back by the serving cache), then measures GET /store/recommendations
 * with autocannon for the home "for you" placement (anonymous and a personal visitor) and the
 * product page "similar" placement, beside GET /health as the floor of this server on this
 * machine. Personal answers are measured for one visitor and for the demo shop's 300 consented
 * visitors in turn. Target: p99 under 10 ms at 50 connections.
 *
 * Each path is loaded twice over 50 keep-alive connections: closed-loop with autocannon, as fast as
 * it can send ("saturated": throughput; the load generator shares the two cores, so latency there
 * is mostly the queue of 50 requests, as /health shows), and open-loop (bench/open-loop.ts):
 * Poisson arrivals at BENCH_RATE per second, each latency counted from its scheduled arrival —
 * the latency a shopper meets while the shop serves that much traffic. Beside it, the share of
 * those requests the server answered within 10 ms by its own clock (reply.elapsedTime, from
 * /metrics): what the server takes, without the load generator's and the kernel's pauses.
 *
 *   node bench/recommendations-bench.ts
 *
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_RATE (1000), LANTERN_DATA_DIR (.data/rec-bench);
 * the server's ports are free ones picked at run time.
 */

import { freePort } from '../test/free-port.ts';
import { measure, spawnAndWait, stop, stopAll } from './bench-process.ts';
import { measureOpenLoopInChild } from './open-loop.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const RATE = Number(process.env.BENCH_RATE || 1000);

async function main() {
  const PORT = await freePort();
  const { child, readyLine } = await spawnAndWait(
    ['bench/recommendations-server.ts'],
    { PORT: String(PORT), EMBEDDED_PG_PORT: String(await freePort()) },
    'ready ',
  );
  const ready = JSON.parse(readyLine.slice(readyLine.indexOf('{'))) as {
    shopperKey: string;
    visitorKeys: string[];
    productId: string;
    training: { trainingMs?: number; items?: number };
  };
  console.log(
    `recommendations bench: ${CONNECTIONS} connections, ${SECONDS} s per path; model of ${ready.training.items} items trained in ${ready.training.trainingMs} ms`,
  );
  const base = `http://127.0.0.1:${PORT}`;
  const personal = { cookie: `lantern_vid=${ready.shopperKey}` };
  const visitors = ready.visitorKeys.map((key) => ({ cookie: `lantern_vid=${key}` }));
  const cases: {
    name: string;
    path: string;
    headers?: Record<string, string>;
    rotation?: typeof visitors;
  }[] = [
    { name: 'floor: GET /health', path: '/health' },
    { name: 'home_for_you (anonymous)', path: '/store/recommendations?placement=home_for_you' },
    {
      name: 'home_for_you (personal)',
      path: '/store/recommendations?placement=home_for_you',
      headers: personal,
    },
    {
      name: `home_for_you (${visitors.length} visitors)`,
      path: '/store/recommendations?placement=home_for_you',
      rotation: visitors,
    },
    {
      name: 'product_similar',
      path: `/store/recommendations?placement=product_similar&product_id=${ready.productId}`,
    },
  ];
  try {
    for (const c of cases) {
      const check = await fetch(base + c.path, { headers: c.headers ?? c.rotation?.[0] });
      const body = (await check.json()) as { personal?: boolean; strategy?: string; items?: unknown[] };
      const options = { connections: CONNECTIONS, headers: c.headers, headerRotation: c.rotation };
      await measure(base, c.path, { ...options, seconds: Math.min(3, SECONDS) }); // warm-up
      const start = await serverSideCounts(base, c.path);
      const saturated = await measure(base, c.path, { ...options, seconds: SECONDS });
      const before = await serverSideCounts(base, c.path);
      const serverSaturated = share(start, before);
      const rated = await measureOpenLoopInChild(base, c.path, {
        connections: CONNECTIONS,
        rate: RATE,
        seconds: SECONDS,
        headerRotation: c.rotation ?? (c.headers ? [c.headers] : []),
      });
      const server = share(before, await serverSideCounts(base, c.path));
      const what = body.items
        ? `(${body.strategy}, personal ${body.personal}, ${body.items.length} items)`
        : '';
      console.log(
        `${c.name.padEnd(30)} saturated ${saturated.rps.toFixed(0).padStart(6)} req/s p50 ${pad(saturated.p50)} p99 ${pad(saturated.p99)}, server ≤10 ms ${serverSaturated} | open loop ${RATE}/s: p50 ${pad(rated.p50)} p90 ${pad(rated.p90)} p99 ${pad(rated.p99)}, server ≤10 ms ${server} | errors ${saturated.non2xx + rated.errors} ${what}`,
      );
    }
  } finally {
    await stop(child);
  }
}

/** Server-side counts of one route from /metrics: answered within 10 ms, and in all. */
async function serverSideCounts(base: string, path: string): Promise<{ within: number; all: number }> {
  const route = path.split('?')[0];
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (le: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.includes(`route="${route}",status="2xx",le="${le}"`))
        ?.split(' ')
        .at(-1) ?? 0,
    );
  return { within: value('0.01'), all: value('+Inf') };
}

/** The share of the requests between two scrapes answered within 10 ms, as a percentage. */
function share(before: { within: number; all: number }, after: { within: number; all: number }): string {
  const all = after.all - before.all;
  return all === 0 ? 'n/a' : `${((100 * (after.within - before.within)) / all).toFixed(2)}%`;
}

function pad(ms: number): string {
  return `${String(ms).padStart(3)} ms`;
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
