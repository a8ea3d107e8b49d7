/**
 * A connection pool that survives its database going away (docs/decisions/0008): queries fail at
 * once while the database is away instead of queueing for seconds, and the pool renews itself when
 * the database is back.
 *
 * Why renew rather than reconnect: a driver pool that lost its server holds connections in every
 * state of closing; a fresh pool starts clean, and the old one finishes what it still runs. The
 * driver is 4.x: 3.4.9 sent ROLLBACK to a closed connection from a timer (an uncaught TypeError)
 * and could run a plain query inside another caller's transaction (docs/decisions/0014).
 */
import postgres from 'postgres';

type Sql = postgres.Sql;

/** Seconds a client should wait before retrying while the database is away (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;
/** A connection that takes longer than this to open is a failure, not a queue to wait in. */
const CONNECT_TIMEOUT_SECONDS = 3;
/** Between checks while the database is away: soon at first, then every two seconds. */
const PROBE_DELAYS_MS = [250, 500, 1_000, 2_000];
/** A pool replaced while the database is up lets its queries in flight finish for this long. */
const RETIRE_GRACE_SECONDS = 5;

const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True when `error` says the database cannot be reached or is going away (refused or lost
 * connection, admin or crash shutdown, starting up, too many connections), as opposed to a
 * query the database refused.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300';
}

export interface PoolOptions {
  max?: number;
  /** Receives one line when the database goes away and one when it is back. */
  log?: (line: string) => void;
}

interface Subscription {
  channel: string;
  onnotify: (value: string) => void;
  onlisten?: () => void;
  current?: postgres.ListenMeta;
}

const pools = new WeakMap<object, ResilientPool>();

/** The resilient pool behind a `Sql` made by `connect`, if it is one. */
export function resilientPoolOf(sql: object): ResilientPool | undefined {
  return pools.get(sql);
}

/**
 * Owns the current driver pool and hands out `sql`, a stable stand-in for it: modules keep `sql`
 * for the life of the process while the pool behind it is replaced.
 */
export class ResilientPool {
  readonly sql: Sql;
  private pool: Sql;
  private state: 'up' | 'checking' | 'down' = 'up';
  private ended = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly retired = new Set<Promise<void>>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly url: string;
  private readonly options: PoolOptions;

  constructor(url: string, options: PoolOptions = {}) {
    this.url = url;
    this.options = options;
    this.pool = this.open();
    this.sql = this.standIn();
    pools.set(this.sql, this);
  }

  /** False while the database is known to be away (queries are refused at once meanwhile). */
  get isAvailable(): boolean {
    return this.state !== 'down';
  }

  /**
   * A query failed: when the failure says the connection or the server is gone, move to a fresh
   * pool at once (the old one may hold a connection the driver can no longer use; it finishes
   * what it runs meanwhile) and check the server on a connection of its own. Gone: refuse queries
   * at once and check again until it is back.
   */
  report(error: unknown): void {
    if (this.ended || this.state !== 'up' || !isDatabaseUnavailable(error)) return;
    this.state = 'checking';
    this.replacePool(RETIRE_GRACE_SECONDS);
    void this.probe().then((failure) => {
      if (this.ended) return;
      if (failure === undefined) {
        this.state = 'up';
        return;
      }
      this.state = 'down';
      this.log(`database unavailable (${summarise(failure)}): answering 503 until it is back`);
      // An ended driver pool refuses every query at once: that is the fail-fast answer meanwhile.
      this.retire(this.pool, 0);
      this.scheduleProbe(0);
    });
  }

  private scheduleProbe(attempt: number): void {
    const delay = PROBE_DELAYS_MS[Math.min(attempt, PROBE_DELAYS_MS.length - 1)];
    this.probeTimer = setTimeout(async () => {
      const failure = await this.probe();
      if (this.ended) return;
      if (failure !== undefined) return this.scheduleProbe(attempt + 1);
      this.replacePool(0);
      this.state = 'up';
      this.log('database is back: serving again');
    }, delay);
    this.probeTimer.unref();
  }

  /** Runs `select 1` on a connection of its own; resolves with the failure, or undefined. */
  private async probe(): Promise<unknown> {
    const client = postgres(this.url, {
      max: 1,
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      fetch_types: false,
      onnotice: () => {},
    });
    try {
      return await failureWithin(client`select 1`, CONNECT_TIMEOUT_SECONDS * 1000);
    } finally {
      await client.end({ timeout: 0 }).catch(() => {});
    }
  }

  private open(): Sql {
    return postgres(this.url, {
      max: this.options.max ?? 20,
      idle_timeout: 30,
      connect_timeout: CONNECT_TIMEOUT_SECONDS,
      // The driver's default grows to 20 s between attempts; a lost database is handled above.
      backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
      onnotice: () => {},
      transform: { undefined: null },
      types: {
        // bigint columns (money, counts) fit in a JS number for every realistic value.
        bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
      },
    });
  }

  /** A fresh driver pool from now on; the old one finishes what it runs within `graceSeconds`. */
  private replacePool(graceSeconds: number): void {
    const old = this.pool;
    this.pool = this.open();
    this.retire(old, graceSeconds);
    for (const subscription of this.subscriptions) this.subscribe(subscription).catch(() => {});
  }

  private retire(pool: Sql, graceSeconds: number): void {
    const ending = pool.end({ timeout: graceSeconds }).catch(() => {});
    this.retired.add(ending);
    void ending.then(() => this.retired.delete(ending));
  }

  private async subscribe(subscription: Subscription): Promise<postgres.ListenMeta> {
    const { channel, onnotify, onlisten } = subscription;
    subscription.current = await this.pool.listen(channel, onnotify, onlisten);
    return subscription.current;
  }

  /** LISTEN that survives a pool renewal: the channel is listened to again on the new pool. */
  private async listen(channel: string, onnotify: (value: string) => void, onlisten?: () => void) {
    const subscription: Subscription = { channel, onnotify, onlisten };
    this.subscriptions.add(subscription);
    const meta = await this.subscribe(subscription);
    // A new object: `meta` is `subscription.current`, whose own unlisten must stay the driver's.
    return Object.assign({}, meta, {
      unlisten: async () => {
        this.subscriptions.delete(subscription);
        await subscription.current?.unlisten();
      },
    });
  }

  private async end(options?: { timeout?: number }): Promise<void> {
    this.ended = true;
    clearTimeout(this.probeTimer);
    await Promise.all([this.pool.end(options), ...this.retired]);
  }

  /**
   * BEGIN … COMMIT on the current pool; a transaction that fails because the database went away
   * reports it, so the pool is renewed and checked (see `report`).
   */
  private runTransaction(...args: unknown[]): Promise<unknown> {
    const done = Reflect.apply(this.pool.begin, this.pool, args) as Promise<unknown>;
    done.catch((error: unknown) => this.report(error));
    return done;
  }

  /** The stable `sql`: calls and properties go to the current driver pool. */
  private standIn(): Sql {
    const methods: Record<string | symbol, unknown> = {
      begin: this.runTransaction.bind(this),
      listen: this.listen.bind(this),
      end: this.end.bind(this),
    };
    return new Proxy((() => {}) as unknown as Sql, {
      apply: (_target, _this, args) => Reflect.apply(this.pool, undefined, args),
      get: (_target, property) => methods[property] ?? Reflect.get(this.pool, property),
      has: (_target, property) => Reflect.has(this.pool, property),
    });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/**
 * Undefined when `work` succeeds within `ms`; otherwise what went wrong, a timeout being a
 * connection error (CONNECT_TIMEOUT) like any other sign of a database that is away.
 */
export async function failureWithin(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(
      () => resolve(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'CONNECT_TIMEOUT' })),
      ms,
    );
  });
  try {
    return await Promise.race([work.then(() => undefined), timeout]);
  } catch (error) {
    return error ?? new Error('unknown failure');
  } finally {
    clearTimeout(timer);
  }
}

function summarise(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return [code, message].filter(Boolean).join(': ') || String(error);
}
