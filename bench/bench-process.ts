/**
 * Small helpers shared by benches that run Lantern in a child process: spawn a Node script and
 * wait for its ready line, stop it with SIGINT, and measure one path with autocannon.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';

const children: ChildProcess[] = [];

/** Spawns `node args…` and resolves with the child and the line that contained `readyText`. */
export function spawnAndWait(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyText: string,
): Promise<{ child: ChildProcess; readyLine: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      const line = output.split('\n').find((l) => l.includes(readyText));
      if (line) resolve({ child, readyLine: line });
    });
    child.stderr!.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${output}`)));
  });
}

/** Stops a child with SIGINT and waits for it to exit. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** Stops every child this process spawned (on failure). */
export async function stopAll(): Promise<void> {
  await Promise.all(children.map(stop));
}

/** Requests per second and latency percentiles of one GET path. */
export interface PathFigures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** How to load one path. */
export interface MeasureOptions {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Requests take these headers in turn (many visitors), instead of `headers`. */
  headerRotation?: readonly Record<string, string>[];
  /** Offered load in requests per second over all connections; unset = as fast as possible. */
  overallRate?: number;
}

/** Runs autocannon on one GET path with optional headers. */
export async function measure(base: string, path: string, options: MeasureOptions): Promise<PathFigures> {
  const rotation = options.headerRotation;
  let turn = 0;
  const result = await autocannon({
    url: base,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      rotation?.length
        ? {
            method: 'GET',
            path,
            setupRequest: (request) => ({ ...request, headers: rotation[turn++ % rotation.length] }),
          }
        : { method: 'GET', path, headers: options.headers },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}
