/**
 * Starts and stops a whole Lantern: database (embedded unless DATABASE_URL), migrations, demo
 * seed, HTTP server and background jobs. `main.ts` runs it for `npm start`; tests run it too.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createAppDeps, type OwnedAppDeps } from './app/app-deps.ts';
import { runInChildProcess } from './app/child-process-task.ts';
import type { Config } from './app/config.ts';
import { connect, isDatabaseUnavailable, reportDatabaseError, type Sql } from './app/database.ts';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './app/embedded-postgres.ts';
import { startJobs } from './app/jobs.ts';
import { loggerOptions } from './app/logging.ts';
import { migrate } from './app/migrate.ts';
import { runJobOnce } from './app/run-job-once.ts';
import { hasShopData } from './demo/seed.ts';
import { buildLanternApp, createLanternDeps, lanternJobs, lanternMigrations } from './lantern.ts';

/** Entries of the work `npm start` does in child processes (see `src/app/child-process-task.ts`). */
const SEED_DEMO_ENTRY = fileURLToPath(new URL('./seed-demo.ts', import.meta.url));
const RUN_JOB_ENTRY = fileURLToPath(new URL('./run-job.ts', import.meta.url));
/** Connections for the jobs' run-once locks; a job waiting for one holds nothing else. */
const JOB_LOCK_CONNECTIONS = 4;

export interface RunningLantern {
  app: FastifyInstance;
  sql: Sql;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: (line: string) => void;
  listen?: boolean;
}

/** Brings up the database and the app; `stop()` finishes in-flight requests first. */
export async function startLantern(config: Config, options: StartOptions = {}): Promise<RunningLantern> {
  const log = options.log ?? (() => {});
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log(`starting embedded PostgreSQL in ${config.dataDir}`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, { notice: log });
    await ensureDatabase(embedded.adminUrl, 'lantern');
    databaseUrl = embedded.urlFor('lantern');
  }
  const sql = connect(databaseUrl, { log });
  let owned: OwnedAppDeps | undefined;
  try {
    const applied = await migrate(sql, lanternMigrations());
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    if (config.seedDemo && !(await hasShopData(sql))) {
      // In a child process: its memory (images, segmentation, hashing) is given back at its end.
      const seeded = (await runInChildProcess(SEED_DEMO_ENTRY, {
        LANTERN_CHILD_DATABASE_URL: databaseUrl,
      })) as { products: number } | null;
      if (seeded) log(`seeded the demo shop: ${seeded.products} products`);
    }
    // The dependencies come before the app and its logger: until then their news goes to `log`.
    let logger: FastifyBaseLogger | undefined;
    owned = await createAppDeps(sql, config, (level, message, error) =>
      logger ? logger[level]({ err: error }, message) : log(message),
    );
    const deps = createLanternDeps(owned.deps);
    const closeDeps = owned.close;
    const app = await buildLanternApp(deps, { logger: loggerOptions(config) });
    logger = app.log;
    let url = '';
    if (options.listen !== false) url = await app.listen({ port: config.port, host: config.host });
    const jobDatabaseUrl = databaseUrl;
    // The jobs' locks live on connections of their own: a job holds its lock's transaction open
    // while its work takes connections from the main pool, and lock and work on one pool
    // deadlocked it once as many jobs ran at once as it had connections (decision 0016).
    const jobLocks = connect(databaseUrl, { max: JOB_LOCK_CONNECTIONS });
    const stopJobs = startJobs(
      lanternJobs,
      deps,
      (job, error) => {
        // The pool logs an outage once; a job finding the database away says nothing more.
        if (isDatabaseUnavailable(error)) {
          reportDatabaseError(jobLocks, error);
          return reportDatabaseError(sql, error);
        }
        app.log.error({ err: error, job: job.name }, 'job failed');
      },
      {
        once: (job, run) => runJobOnce(jobLocks, job, run),
        runInChild: (job) =>
          runInChildProcess(RUN_JOB_ENTRY, {
            LANTERN_CHILD_JOB: job.name,
            LANTERN_CHILD_DATABASE_URL: jobDatabaseUrl,
          }),
      },
    );
    return {
      app,
      sql,
      url,
      async stop() {
        await app.close();
        await stopJobs();
        await jobLocks.end({ timeout: 5 });
        await closeDeps();
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      },
    };
  } catch (error) {
    await owned?.close();
    await sql.end({ timeout: 1 });
    await embedded?.stop();
    throw error;
  }
}
