/**
 * Runtime configuration, read once from the environment. Every variable has a default that
 * serves the demo shop on one machine; the README's configuration table mirrors this file.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started under `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * Redis shared by the instances of one shop: rate-limit counters and cache invalidation
   * messages. Without it rate limits are per process and invalidations go through PostgreSQL.
   */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so several shops (or test runs) can share a server. */
  redisKeyPrefix: string;
  dataDir: string;
  embeddedPgPort: number;
  /** Seed the demo shop into an empty database on start. */
  seedDemo: boolean;
  /** Cookies are marked `Secure` exactly when the shop is reached over https (PUBLIC_URL). */
  secureCookies: boolean;
  logLevel: string;
  /** The URL shoppers reach; the sandbox payment gateway also sends its callbacks here. */
  publicUrl: string;
  /**
   * Development only: keep every SMS and email (codes and links in full) in an in-memory outbox
   * shown at /dev/outbox, with a banner on every page. Off unless DEV_OUTBOX is set.
   */
  devOutbox: boolean;
  /** HMAC secret of the sandbox payment gateway's callbacks (random per process when unset). */
  sandboxPaymentSecret: string;
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
  const publicUrl = publicUrlFrom(env.PUBLIC_URL, port);
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'lantern:',
    dataDir: path.resolve(env.LANTERN_DATA_DIR || '.data'),
    embeddedPgPort: intFrom(env.EMBEDDED_PG_PORT, 25432),
    seedDemo: boolFrom(env.SEED_DEMO, true),
    secureCookies: new URL(publicUrl).protocol === 'https:',
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl,
    devOutbox: boolFrom(env.DEV_OUTBOX, false),
    sandboxPaymentSecret: env.SANDBOX_PAYMENT_SECRET || randomBytes(32).toString('hex'),
  };
}

/** PUBLIC_URL without a trailing slash; refused unless it is an absolute http(s) URL. */
function publicUrlFrom(value: string | undefined, port: number): string {
  const raw = value || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://shop.example, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PUBLIC_URL must start with https:// or http://, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}
