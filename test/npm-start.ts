/**
 * `npm start` as an operator runs it, for tests: a real process with its own environment, whose
 * output and exit the test can wait for.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Node's on-disk cache of compiled (and type-stripped) modules, shared by every Lantern the tests
 * start, in this run and the next: a start then skips compiling ~0.4 s of modules (decision 0017).
 */
const COMPILE_CACHE = path.join(os.tmpdir(), 'lantern-test-node-compile-cache');

export interface StartedLantern {
  child: ChildProcess;
  /** Resolves once the process said it is ready; rejects when it exits first. */
  ready: Promise<void>;
  /** The exit code, or the signal's name when something killed the process. */
  exited: Promise<number | string | null>;
  output(): string;
  /** Resolves once the output (stdout and stderr) contains `text`. */
  said(text: string): Promise<void>;
}

/** Starts `src/main.ts` on the embedded database in `dataDir`; the caller picks free ports. */
export function startLanternProcess(options: {
  port: number;
  pgPort: number;
  dataDir: string;
  env?: Record<string, string>;
}): StartedLantern {
  const child = spawn(process.execPath, ['src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(options.pgPort),
      LANTERN_DATA_DIR: options.dataDir,
      DATABASE_URL: '',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_COMPILE_CACHE: COMPILE_CACHE,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting = new Set<{ text: string; resolve: () => void }>();
  const onOutput = (chunk: Buffer) => {
    output += chunk;
    for (const wait of waiting) {
      if (output.includes(wait.text)) {
        waiting.delete(wait);
        wait.resolve();
      }
    }
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const said = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      waiting.add({ text, resolve });
      void exited.then((code) => reject(new Error(`exited with ${code} before saying "${text}": ${output}`)));
    });
  const ready = said('ready in');
  ready.catch(() => {}); // awaited where a start must succeed; a refused start only exits
  return { child, ready, exited, output: () => output, said };
}

/** The pid of the embedded PostgreSQL running in `dataDir`, from its postmaster.pid. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Stops what a failed test may have left running: the Lanterns, then their PostgreSQL. */
export function killLeftovers(children: ChildProcess[], dataDirs: string[]): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const dir of dataDirs) {
    const pid = postmasterPid(dir);
    if (!pid) continue;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
}
