/**
 * `npm start` as an operator meets it: a real process on a fresh data directory, a second start
 * refused with a clear message, Ctrl-C stopping PostgreSQL cleanly, data surviving a restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-lifecycle-'));
// As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];

/** Starts `npm start`'s entry point; the caller picks the ports (free ones, see free-port.ts). */
function start(port: number, pgPort: number) {
  const child = spawn(process.execPath, ['src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LANTERN_DATA_DIR: dataDir,
      DATABASE_URL: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // Resolves with the exit code, or the signal's name when something killed the process.
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', () => output.includes('ready in') && resolve());
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  ready.catch(() => {}); // awaited where a start must succeed; a refused start only exits
  return { child, ready, exited, output: () => output };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  // A failed assertion can leave the PostgreSQL of a killed Lantern running: stop it too.
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGTERM');
    } catch {}
  }
});

describe('npm start', () => {
  it('starts on a fresh data directory, refuses a second start, stops cleanly on SIGINT, keeps data', async () => {
    const pgPort = await freePort();
    const port = await freePort();
    const first = start(port, pgPort);
    await first.ready;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    const second = start(await freePort(), pgPort);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running.*is another Lantern started/s);

    first.child.kill('SIGINT');
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const again = start(await freePort(), pgPort);
    await again.ready;
    expect(again.output()).not.toContain('applied migrations');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 90_000);
});

describe('a crashed Lantern', () => {
  it('leaves no lock behind: the next start stops the orphaned PostgreSQL and serves', async () => {
    const pgPort = await freePort();
    const crashed = start(await freePort(), pgPort);
    await crashed.ready;
    crashed.child.kill('SIGKILL'); // PostgreSQL runs on, orphaned
    await crashed.exited;
    const port = await freePort();
    const next = start(port, pgPort);
    await next.ready;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
  }, 90_000);
});

describe('Ctrl-C during start-up', () => {
  it('finishes starting, then stops cleanly instead of leaving PostgreSQL behind', async () => {
    const early = start(await freePort(), await freePort());
    await new Promise<void>((resolve) => {
      early.child.stdout!.on(
        'data',
        () => early.output().includes('starting embedded PostgreSQL') && resolve(),
      );
    });
    early.child.kill('SIGINT');
    expect(await early.exited, early.output()).toBe(0);
    expect(early.output()).toContain('stopped cleanly');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 90_000);
});
