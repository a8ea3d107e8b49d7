/**
 * An open-loop load generator: requests arrive as a Poisson process at a fixed rate over a pool
 * of keep-alive connections, whether or not earlier ones were answered, and each latency counts
 * from the request's scheduled arrival, so a stalled server cannot hide its queue (no
 * "coordinated omission"). Shoppers arrive like this; a closed loop such as autocannon instead
 * measures the queue its own connections build, and its rate limit sends each connection's
 * requests in step, in bursts of one per connection.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface OpenLoopOptions {
  /** Keep-alive connections to spread the requests over. */
  connections: number;
  /** Mean arrivals per second. */
  rate: number;
  seconds: number;
  /** Requests take these headers in turn (many visitors); none when empty. */
  headerRotation?: readonly Record<string, string>[];
}

/** Latency percentiles in milliseconds (one decimal) of an open-loop run. */
export interface OpenLoopFigures {
  sent: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Runs the open loop against `base + path` and resolves when every request has finished. */
export async function measureOpenLoop(
  base: string,
  path: string,
  options: OpenLoopOptions,
): Promise<OpenLoopFigures> {
  const url = new URL(path, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let turn = 0;
  const fire = (scheduledAt: number) => {
    const headers = options.headerRotation?.length
      ? options.headerRotation[turn++ % options.headerRotation.length]
      : undefined;
    const done = new Promise<void>((resolve) => {
      const request = http.get(url, { agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode! >= 400) errors++;
          latencies.push(performance.now() - scheduledAt);
          resolve();
        });
      });
      request.on('error', () => {
        errors++;
        resolve();
      });
    });
    inFlight.add(done);
    done.finally(() => inFlight.delete(done));
  };

  const start = performance.now();
  const end = start + options.seconds * 1000;
  let next = start;
  while (next < end) {
    const now = performance.now();
    while (next <= now && next < end) {
      fire(next);
      next += (-Math.log(1 - Math.random()) / options.rate) * 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1, next - performance.now()))));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { sent: latencies.length + errors, errors, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

/** Runs the open loop in a child process of its own (see below) and resolves with its figures. */
export function measureOpenLoopInChild(
  base: string,
  path: string,
  options: OpenLoopOptions,
): Promise<OpenLoopFigures> {
  const script = fileURLToPath(import.meta.url);
  const args = [script, JSON.stringify({ base, path, ...options })];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as OpenLoopFigures);
    });
  });
}

/**
 * Run as a script, in a process of its own (no other work competing in its event loop, which
 * would otherwise add its own pauses to the latencies it measures):
 *   node bench/open-loop.ts '{"base":"http://127.0.0.1:3110","path":"/health","connections":50,"rate":1000,"seconds":10}'
 * prints the figures as one JSON line.
 */
if (import.meta.main) {
  const { base, path, ...options } = JSON.parse(process.argv[2]!) as OpenLoopOptions & {
    base: string;
    path: string;
  };
  console.log(JSON.stringify(await measureOpenLoop(base, path, options)));
}
