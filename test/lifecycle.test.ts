/**
 * `npm start` as an operator meets it: a real process on a fresh data directory, a second start
 * refused with a clear message, Ctrl-C stopping PostgreSQL cleanly, data surviving a restart.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.ts';
import { killLeftovers, startLanternProcess } from './npm-start.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-lifecycle-'));
// As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];
const dataDirs = [dataDir];
const tempDirs = [dataDir];

/** Starts `npm start`'s entry point; the caller picks the ports (free ones, see free-port.ts). */
function start(port: number, pgPort: number, dir = dataDir, env?: Record<string, string>) {
  const started = startLanternProcess({ port, pgPort, dataDir: dir, env });
  children.push(started.child);
  return started;
}

// A failed assertion can leave the PostgreSQL of a killed Lantern running: stop it too, then
// remove every directory the file made (the temporary directory must not fill up run by run).
afterAll(async () => {
  killLeftovers(children, dataDirs);
  await Promise.all(
    children.map((c) => (c.exitCode === null && c.signalCode === null ? once(c, 'exit') : null)),
  );
  for (const dir of tempDirs)
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

describe('npm start', () => {
  it('starts on a fresh data directory with the demo shop, refuses a second start, stops cleanly on SIGINT, keeps data', async () => {
    const pgPort = await freePort();
    const port = await freePort();
    const first = start(port, pgPort, dataDir, { SEED_DEMO: 'true' });
    await first.ready;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    // The seed and the first training run in child processes (src/app/child-process-task.ts).
    expect(first.output()).toContain('seeded the demo shop: 332 products');
    await expect
      .poll(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/store/recommendations?placement=home_for_you`);
          return ((await res.json()) as { modelVersion: number | null }).modelVersion;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(1);

    const second = start(await freePort(), pgPort);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already running.*is another Lantern started/s);

    first.child.kill('SIGINT');
    expect(await first.exited, first.output()).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const again = start(await freePort(), pgPort, dataDir, { SEED_DEMO: 'true' });
    await again.ready;
    expect(again.output()).not.toContain('applied migrations');
    expect(again.output()).not.toContain('seeded');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 150_000);
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

describe('a data directory inside a home directory of mode 700', () => {
  // As root, the embedded PostgreSQL runs as the `postgres` user (PostgreSQL refuses to run as
  // root), which cannot enter a directory of mode 700 owned by root: the common first try of
  // starting as root from /root. Not as root, PostgreSQL runs as the owner of that directory, so
  // nothing stands in the way: then this checks that such a start works.
  const isRoot = process.getuid?.() === 0;
  const title = isRoot
    ? 'as root: stops with one line that names the directory and says what to do'
    : 'not as root: starts, since PostgreSQL runs as the directory owner';
  it(title, async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-home-'));
    tempDirs.push(home);
    fs.chmodSync(home, 0o700);
    const dir = path.join(home, '.data');
    dataDirs.push(dir);
    const run = start(await freePort(), await freePort(), dir);
    if (isRoot) {
      expect(await run.exited, run.output()).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toEqual([
        `[lantern] starting embedded PostgreSQL in ${dir}`,
        `[lantern] could not start: the embedded PostgreSQL runs as the "postgres" user, which cannot ` +
          `enter ${home} (mode 700): set LANTERN_DATA_DIR to a directory it can enter (for example ` +
          '/var/lib/lantern), start Lantern as a user other than root, or set DATABASE_URL.',
      ]);
    } else {
      await run.ready;
      run.child.kill('SIGINT');
      expect(await run.exited, run.output()).toBe(0);
    }
  }, 90_000);
});
