/**
 * Runtime configuration, read once from the environment. Every variable has a default that
 * serves the demo shop on one machine; the README's configuration table mirrors this file.
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started under `dataDir`. */
  databaseUrl: string | undefined;
  /** Shared cache, rate limits and pub/sub across instances; in-process when absent. */
  redisUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Seed the demo shop into an empty database on start. */
  seedDemo: boolean;
  /** Secure cookies need HTTPS; off by default so the demo works on http://localhost. */
  secureCookies: boolean;
  logLevel: string;
  publicUrl: string;
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

function boolFrom(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Reads the configuration from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env.PORT, 3000);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: path.resolve(env.LANTERN_DATA_DIR || '.data'),
    embeddedPgPort: intFrom(env.EMBEDDED_PG_PORT, 25432),
    seedDemo: boolFrom(env.SEED_DEMO, true),
    secureCookies: boolFrom(env.SECURE_COOKIES, false),
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.PUBLIC_URL || `http://localhost:${port}`,
  };
}
