/**
 * `npm run bench:profile`: where the time goes. Starts Lantern (bench data directory) under
 * `node --cpu-prof`, loads one path for BENCH_SECONDS (default 10) with BENCH_CONNECTIONS
 * (default 50), stops it, and prints the top self-time functions of the CPU profile, with the
 * CPU time the server spent per request. Profiles are kept in `.data/profiles/`.
 *
 * Usage: `npm run bench:profile -- list|product|cart` (default `list`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../test/free-port.ts';
import { spawnAndWait, stop, stopAll } from './bench-process.ts';
import { loadShoppers, runScenario, type ScenarioName } from './scenarios.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const which = (process.argv[2] ?? 'list') as ScenarioName;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

async function main() {
  const dir = path.resolve('.data/profiles');
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const [appPort, pgPort] = [await freePort(), await freePort()];
  const { child } = await spawnAndWait(
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'src/main.ts'],
    {
      PORT: String(appPort),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LANTERN_DATA_DIR: path.resolve('.data/bench'),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    'ready in',
  );
  const base = `http://127.0.0.1:${appPort}`;
  const shoppers = await loadShoppers(base);
  await runScenario(base, which, shoppers, { connections: CONNECTIONS, seconds: 3 }); // warm-up
  const cpuBefore = processCpuMicros(child.pid!);
  const figures = await runScenario(base, which, shoppers, { connections: CONNECTIONS, seconds: SECONDS });
  const cpuMicros = processCpuMicros(child.pid!) - cpuBefore;
  await stop(child);
  const file = fs.readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const requests = figures.rps * SECONDS;
  console.log(
    `${which}: ${figures.rps.toFixed(0)} req/s p50 ${figures.p50} ms p99 ${figures.p99} ms non-2xx ${figures.non2xx}; ` +
      `server CPU ${(cpuMicros / requests).toFixed(0)} µs/request; profile ${path.join(dir, file)}`,
  );
  printTop(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[] });
}

/** User + system CPU time of a process so far, in µs (Linux /proc). */
function processCpuMicros(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / 100; // USER_HZ is 100 on Linux
}

/** The 25 functions with the most self time (idle and GC listed as V8 names them). */
function printTop(profile: { nodes: ProfileNode[] }) {
  const self = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + hits);
  }
  const busy = total - (self.get('(idle)') ?? 0);
  console.log(`self time, % of busy samples (${busy} of ${total}):`);
  for (const [name, hits] of [...self]
    .filter(([n]) => n !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25))
    console.log(`${((100 * hits) / busy).toFixed(1).padStart(5)}%  ${name}`);
}

main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
