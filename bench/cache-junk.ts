/**
 * `node bench/cache-junk.ts`: what 5,000 distinct junk query strings on cached public routes do to
 * a running shop's memory. Starts Lantern in its own process (embedded PostgreSQL, demo shop, a
 * throwaway data directory) and reads its resident memory when idle, after 5,000 requests for
 * the same URL (the growth any traffic brings: heap and JIT warming up), and after 5,000 with a
 * distinct junk parameter each, 10 at a time, letting it settle before each reading; the
 * response cache's own size comes from /metrics. A cache keyed on the raw URL keeps a copy of the
 * answer per junk string; one keyed on the validated input keeps one.
 *
 * Options (env): JUNK_REQUESTS (default 5000), JUNK_PATH (default `/store/search?q=`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/free-port.ts';
import { spawnAndWait, stop } from './bench-process.ts';

const REQUESTS = Number(process.env.JUNK_REQUESTS || 5_000);
const JUNK_PATH = process.env.JUNK_PATH || '/store/search?q=';
const CONCURRENCY = 10;
const SETTLE_MS = 5_000;

function rssMegabytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1]) / 1024;
}

async function cacheSeries(base: string): Promise<string> {
  const body = await (await fetch(`${base}/metrics`)).text();
  const lines = body.split('\n').filter((l) => /^lantern_cache_(entries|bytes)\{cache="response"\}/.test(l));
  return lines.length ? lines.join(', ') : '(no cache series on /metrics)';
}

/** Sends REQUESTS requests for JUNK_PATH plus `extra(i)`, 10 at a time, then lets the process settle. */
async function send(base: string, extra: (i: number) => string): Promise<string> {
  let next = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const parameter = extra(next++);
        const separator = JUNK_PATH.includes('?') ? '&' : '?';
        const res = await fetch(`${base}${JUNK_PATH}${parameter ? separator + parameter : ''}`);
        await res.arrayBuffer();
        if (!res.ok) failed++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return `${failed} failed, ${seconds.toFixed(1)} s`;
}

function report(before: number, after: number): string {
  const change = after - before;
  return `${after.toFixed(0)} MB RSS (${change >= 0 ? '+' : ''}${change.toFixed(0)} MB)`;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-cache-junk-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
  fs.chmodSync(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const { child } = await spawnAndWait(
    ['src/main.ts'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LANTERN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    'ready in',
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    const first = await fetch(`${base}${JUNK_PATH}`);
    const bodyBytes = (await first.arrayBuffer()).byteLength;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const before = rssMegabytes(child.pid!);
    console.log(`${JUNK_PATH}: ${bodyBytes} bytes per answer`);
    console.log(`idle: ${before.toFixed(0)} MB RSS; ${await cacheSeries(base)}`);

    const same = await send(base, () => '');
    const afterSame = rssMegabytes(child.pid!);
    console.log(
      `after ${REQUESTS} requests for the same URL (${same}): ${report(before, afterSame)}; ${await cacheSeries(base)}`,
    );
    const junk = await send(base, (i) => `utm_junk_${i}=${i}`);
    const afterJunk = rssMegabytes(child.pid!);
    console.log(
      `after ${REQUESTS} distinct junk query strings (${junk}): ${report(afterSame, afterJunk)}; ${await cacheSeries(base)}`,
    );
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
