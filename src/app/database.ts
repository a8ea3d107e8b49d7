/**
 * The PostgreSQL connection pool and the one way to run a transaction. Modules receive a `Sql`
 * (pool or transaction) and never open connections themselves. The pool fails fast and heals
 * itself when the database goes away and comes back (`database-pool.ts`).
 */
import type postgres from 'postgres';
import {
  failureWithin,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
  ResilientPool,
  resilientPoolOf,
} from './database-pool.ts';

export type Sql = postgres.Sql;
/** A pool or an open transaction: repository functions accept either. */
export type Db = postgres.Sql | postgres.TransactionSql;
export type Tx = postgres.TransactionSql;

export { isDatabaseUnavailable };

/**
 * Opens a pool; `max` stays modest because PostgreSQL, not Node, is the bottleneck on 2 cores.
 * `log` receives one line when the database goes away and one when it is back.
 */
export function connect(url: string, options: { max?: number; log?: (line: string) => void } = {}): Sql {
  return new ResilientPool(url, options).sql;
}

/** Runs `work` in one transaction on a pool, or inside the caller's transaction when given one. */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if ('savepoint' in db) return work(db as Tx);
  return (db as Sql).begin((tx) => work(tx)) as Promise<T>;
}

/** Whether the database behind `sql` is reachable, as far as the pool knows, and when to retry. */
export function databaseStatus(sql: Sql): { isAvailable: boolean; retryAfterSeconds: number } {
  return { isAvailable: resilientPoolOf(sql)?.isAvailable ?? true, retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/**
 * Undefined when the database behind `sql` answers `select 1` within `timeoutMs`; otherwise what
 * went wrong. Answers at once while the pool knows the database is away.
 */
export function checkDatabase(sql: Sql, timeoutMs: number): Promise<unknown> {
  if (!databaseStatus(sql).isAvailable) {
    return Promise.resolve(Object.assign(new Error('the database is away'), { code: 'CONNECTION_ENDED' }));
  }
  return failureWithin(sql`select 1`, timeoutMs);
}

/**
 * Tells the pool behind `sql` that a query failed: when the error says the database is unreachable,
 * the pool checks it and, if it is gone, refuses queries at once until it is back.
 */
export function reportDatabaseError(sql: Sql, error: unknown): void {
  resilientPoolOf(sql)?.report(error);
}
