/**
 * `npm run bench`: throughput and latency of the shop's hot paths on loopback, with autocannon,
 * against a Lantern started in its own process on the embedded database (demo data), and a bare
 * Node http server returning the same bytes as the ceiling. Prints req/s, p50/p99 latency and
 * the ratio to the ceiling for each path.
 *
 * Also the server's CPU per request and the bench client's own CPU (it shares the machine).
 *
 * Options (env): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_SHOPPERS
 * (default 500, add-to-cart), BENCH_ONLY (e.g. `list,cart`; names in `scenarios.ts`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/free-port.ts';
import { spawnAndWait, stop, stopAll } from './bench-process.ts';
import { loadShoppers, type PathFigures, pathOf, runScenario, SCENARIOS } from './scenarios.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const ONLY = process.env.BENCH_ONLY?.split(',');

interface Figures extends PathFigures {
  name: string;
  ceilingRps?: number;
  /** Server CPU (user + system) per request, in µs. */
  cpuMicros: number;
  /** CPU the bench client itself used, as a share of one core. */
  clientCore: number;
}

async function main() {
  const dataDir = path.resolve('.data/bench');
  const firstStart = !fs.existsSync(dataDir);
  // Ports the OS picks, so a bench never collides with a test run or another bench.
  const [APP_PORT, CEILING_PORT, PG_PORT] = [await freePort(), await freePort(), await freePort()];
  console.log(
    `Lantern bench: ${CONNECTIONS} connections, ${SECONDS} s per path, ${os.cpus().length} cores, loopback`,
  );
  const { child: app } = await spawnAndWait(
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
    // "Idle with the models loaded": on a first start the models are trained a little after
    // start-up, so wait for a served model, then render a page as a first visitor would.
    const modelVersion = await waitForModel(base);
    await fetch(`${base}/`);
    await new Promise((r) => setTimeout(r, 5_000));
    console.log(
      `idle memory of the started shop (Node process only, ${firstStart ? 'first start: seeded and trained' : 'restart'}, model v${modelVersion} loaded): ${rssMegabytes(app.pid!)} MB RSS`,
    );
    const data = await loadShoppers(base);
    const options = { connections: CONNECTIONS, seconds: SECONDS };
    for (const scenario of SCENARIOS.filter((s) => !ONLY || ONLY.includes(s.name))) {
      await runScenario(base, scenario.name, data, options); // warm-up pass: caches, JIT, pools
      const cpuBefore = processCpuMicros(app.pid!);
      const clientBefore = process.cpuUsage();
      const lantern = await runScenario(base, scenario.name, data, options);
      const client = process.cpuUsage(clientBefore);
      const row: Figures = {
        name: scenario.title,
        ...lantern,
        cpuMicros: (processCpuMicros(app.pid!) - cpuBefore) / (lantern.rps * SECONDS),
        clientCore: (client.user + client.system) / (SECONDS * 1e6),
      };
      if (scenario.ceiling) {
        const path_ = pathOf(scenario.name, data);
        const res = await fetch(base + path_);
        const file = path.join(os.tmpdir(), `lantern-bench-${figures.length}.body`);
        fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const { child: ceiling } = await spawnAndWait(
          [
            'bench/ceiling-server.ts',
            file,
            String(CEILING_PORT),
            res.headers.get('content-type') ?? 'application/json',
          ],
          {},
          'ready',
        );
        row.ceilingRps = (
          await runScenario(`http://127.0.0.1:${CEILING_PORT}`, scenario.name, data, options)
        ).rps;
        await stop(ceiling);
      }
      figures.push(row);
      print(row);
    }
  } finally {
    await stop(app);
  }
}

/** The version of the recommendation model the shop serves, once it serves one (up to 3 minutes). */
async function waitForModel(base: string): Promise<number> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/store/recommendations?placement=home_for_you&limit=4`);
    const { modelVersion } = (await res.json()) as { modelVersion: number | null };
    if (modelVersion !== null) return modelVersion;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error('no recommendation model was served within 3 minutes');
}

/** User + system CPU time of a process so far, in µs (Linux /proc; USER_HZ is 100). */
function processCpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
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
    `${f.name.padEnd(26)} ${f.rps.toFixed(0).padStart(7)} req/s  p50 ${String(f.p50).padStart(3)} ms  p99 ${String(f.p99).padStart(3)} ms  non-2xx ${f.non2xx}  ${ratio}  server CPU ${f.cpuMicros.toFixed(0)} µs/req, bench client ${(100 * f.clientCore).toFixed(0)}% of a core`,
  );
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
