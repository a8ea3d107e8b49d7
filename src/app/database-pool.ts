/**
 * A connection pool that survives its database going away (docs/decisions/0008): queries fail at
 * once while the database is away instead of queueing for seconds, the pool renews itself when
 * the database is back, and no transaction ever writes to a connection that closed.
 *
 * Why renew rather than reconnect: the `postgres` driver (3.4.9) keeps a connection that closed
 * with a write pending unable to send its next start-up message, and a transaction whose
 * connection closed sends its ROLLBACK to that connection, which throws an uncaught TypeError
 * from a timer (`socket.write` on null in `nextWrite`; porsager/postgres#1066, #1154, #1208).
 */
import postgres from 'postgres';

type Sql = postgres.Sql;
type Tx = postgres.TransactionSql;

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
  /** Connections closed so far, counted by the driver's `onclose` (see `runTransaction`). */
  private closes = 0;
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
      onclose: () => {
        this.closes++;
      },
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
   * BEGIN … COMMIT on the current pool, guarded: once the transaction's connection is lost, no
   * further statement of it reaches the driver, and the work's outcome is never handed back to
   * the driver (which would send ROLLBACK or COMMIT to the closed connection). The caller gets
   * the driver's CONNECTION_CLOSED error, as the server has rolled the transaction back itself.
   */
  private runTransaction(...args: unknown[]): Promise<unknown> {
    const work = args.pop() as (tx: Tx) => unknown;
    const mode = typeof args[0] === 'string' ? args[0] : '';
    const guard = new TransactionGuard(() => this.closes);
    const done = this.pool.begin(mode, (tx) => guard.scope(tx, work));
    done.catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) return;
      guard.lost = true;
      this.report(error);
    });
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

/** One transaction's watch over its connection (see `ResilientPool.runTransaction`). */
class TransactionGuard {
  /** Set when `begin` fails because the transaction's own connection closed. */
  lost = false;
  private readonly closesSoFar: () => number;
  private readonly closesAtStart: number;

  constructor(closesSoFar: () => number) {
    this.closesSoFar = closesSoFar;
    this.closesAtStart = closesSoFar();
  }

  /**
   * Runs the work of the transaction (or of a savepoint) on a guarded `tx` and settles with its
   * outcome, unless the connection was lost. When any connection closed during the work, the
   * driver's notice of it (which rejects `begin` and sets `lost`) may still be on its way: wait
   * one turn of the event loop for it first.
   */
  scope(tx: Tx, work: (tx: Tx) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const settle = (finish: () => void) => {
        if (this.lost) return;
        if (this.closesSoFar() === this.closesAtStart) return finish();
        setImmediate(() => this.lost || finish());
      };
      Promise.resolve()
        .then(() => work(guardTransaction(tx, this)))
        .then(
          (value) => settle(() => resolve(value)),
          (error: unknown) => settle(() => reject(error)),
        );
    });
  }
}

/**
 * A transaction that refuses new statements once its connection is lost; its savepoints are
 * guarded like the transaction (see `runTransaction`).
 */
function guardTransaction(tx: Tx, guard: TransactionGuard): Tx {
  const refuseIfLost = () => {
    if (guard.lost) {
      throw Object.assign(new Error('the transaction lost its database connection'), {
        code: 'CONNECTION_CLOSED',
      });
    }
  };
  const unsafe: Tx['unsafe'] = (...args) => {
    refuseIfLost();
    // The arguments pass through as they came (the driver's overloads differ between versions).
    return (tx.unsafe as (...a: typeof args) => ReturnType<Tx['unsafe']>)(...args);
  };
  const savepoint = (...args: unknown[]) => {
    refuseIfLost();
    const work = args.pop() as (sp: Tx) => unknown;
    const name = typeof args[0] === 'string' ? args[0] : undefined;
    const guarded = (sp: Tx) => guard.scope(sp, work);
    return name === undefined ? tx.savepoint(guarded) : tx.savepoint(name, guarded);
  };
  return new Proxy(tx, {
    apply: (target, thisArg, args) => {
      refuseIfLost();
      return Reflect.apply(target, thisArg, args);
    },
    get: (target, property) =>
      property === 'unsafe' ? unsafe : property === 'savepoint' ? savepoint : Reflect.get(target, property),
  });
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
