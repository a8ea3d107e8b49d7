/**
 * `npm run bench`: throughput and latency of the shop's hot paths on loopback, with autocannon,
 * against a Lantern started in its own process on the embedded database (demo data), and a bare
 * Node http server returning the same bytes as the ceiling. Prints req/s, p50/p99 latency and
 * the ratio to the ceiling for each path.
 *
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/free-port.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const children: ChildProcess[] = [];

interface Scenario {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  /** Builds each request's headers/body (e.g. a different shopper per request). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  ceiling: boolean;
}

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  ceilingRps?: number;
}

function spawnAndWait(args: string[], env: NodeJS.ProcessEnv, readyText: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes(readyText)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

async function measure(url: string, scenario: Scenario): Promise<Omit<Figures, 'name'>> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    // autocannon calls `setupRequest` whenever the key exists, even when undefined
    requests: [
      scenario.setupRequest
        ? { method: scenario.method ?? 'GET', path: scenario.path, setupRequest: scenario.setupRequest }
        : { method: scenario.method ?? 'GET', path: scenario.path },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Guest shoppers with their own session and cart, for the add-to-cart path. */
async function guestSessions(base: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const session = await json<{ token: string }>(`${base}/store/sessions`, { method: 'POST' });
    tokens.push(session.token);
  }
  return tokens;
}

async function scenarios(base: string): Promise<Scenario[]> {
  const list = await json<{ items: { slug: string; id: string }[] }>(`${base}/store/products?page_size=20`);
  const variantIds: string[] = [];
  for (const item of list.items.slice(0, 20)) {
    const product = await json<{ variants: { id: string; available: number }[] }>(
      `${base}/store/products/${item.slug}`,
    );
    variantIds.push(...product.variants.filter((v) => v.available > 60).map((v) => v.id));
  }
  // A shopper's cart holds a handful of lines, as real carts do: 8 popular variants spread over
  // 25 guest carts (staying under the guest-session rate limit of 30 a minute per address).
  variantIds.splice(8);
  const tokens = await guestSessions(base, 25);
  let n = 0;
  return [
    { name: 'product list (20 items)', path: '/store/products?page_size=20', ceiling: true },
    { name: 'product page data', path: `/store/products/${list.items[0]!.slug}`, ceiling: true },
    { name: 'search (蓝牙耳机)', path: `/store/search?q=${encodeURIComponent('蓝牙耳机')}`, ceiling: true },
    {
      name: 'add to cart',
      path: '/store/cart/items',
      method: 'POST',
      ceiling: false,
      setupRequest: (request) => {
        n++;
        return {
          ...request,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[n % tokens.length]}`,
          },
          body: JSON.stringify({ variantId: variantIds[n % variantIds.length], quantity: 1 }),
        };
      },
    },
  ];
}

async function main() {
  const dataDir = path.resolve('.data/bench');
  // Ports the OS picks, so a bench never collides with a test run or another bench.
  const [APP_PORT, CEILING_PORT, PG_PORT] = [await freePort(), await freePort(), await freePort()];
  console.log(
    `Lantern bench: ${CONNECTIONS} connections, ${SECONDS} s per path, ${os.cpus().length} cores, loopback`,
  );
  const app = await spawnAndWait(
    ['src/main.ts'],
    {
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(PG_PORT),
      LANTERN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    'ready in',
  );
  const base = `http://127.0.0.1:${APP_PORT}`;
  const figures: Figures[] = [];
  try {
    await fetch(`${base}/`); // one page render, as after a first visitor
    await new Promise((r) => setTimeout(r, 5_000));
    console.log(`idle memory of the started shop (Node process only): ${rssMegabytes(app.pid!)} MB RSS`);
    for (const scenario of await scenarios(base)) {
      await measure(base, { ...scenario }); // warm-up pass: caches, JIT, connection pools
      const lantern = await measure(base, scenario);
      const row: Figures = { name: scenario.name, ...lantern };
      if (scenario.ceiling) {
        const res = await fetch(base + scenario.path);
        const file = path.join(os.tmpdir(), `lantern-bench-${figures.length}.body`);
        fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const ceiling = await spawnAndWait(
          [
            'bench/ceiling-server.ts',
            file,
            String(CEILING_PORT),
            res.headers.get('content-type') ?? 'application/json',
          ],
          {},
          'ready',
        );
        row.ceilingRps = (await measure(`http://127.0.0.1:${CEILING_PORT}`, scenario)).rps;
        await stop(ceiling);
      }
      figures.push(row);
      print(row);
    }
  } finally {
    await stop(app);
  }
}

/** Resident set size of a process, from /proc (Linux). */
function rssMegabytes(pid: number): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]);
  return (kb / 1024).toFixed(0);
}

function print(f: Figures) {
  const ratio = f.ceilingRps
    ? `${((100 * f.rps) / f.ceilingRps).toFixed(0)}% of ceiling (${f.ceilingRps.toFixed(0)} req/s)`
    : 'no ceiling (write path)';
  console.log(
    `${f.name.padEnd(26)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(3)} ms  p99 ${String(f.p99).padStart(3)} ms  non-2xx ${f.non2xx}  ${ratio}`,
  );
}

main().catch(async (e) => {
  console.error(e);
  await Promise.all(children.map(stop));
  process.exit(1);
});
