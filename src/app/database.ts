/**
 * The PostgreSQL connection pool and the one way to run a transaction. Modules receive a `Sql`
 * (pool or transaction) and never open connections themselves.
 */
import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A pool or an open transaction: repository functions accept either. */
export type Db = postgres.Sql | postgres.TransactionSql;
export type Tx = postgres.TransactionSql;

/** Opens a pool; `max` stays modest because PostgreSQL, not Node, is the bottleneck on 2 cores. */
export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 20,
    idle_timeout: 30,
    onnotice: () => {},
    transform: { undefined: null },
    types: {
      // bigint columns (money, counts) fit in a JS number for every realistic value.
      bigint: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
    },
  });
}

/** Runs `work` in one transaction on a pool, or inside the caller's transaction when given one. */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if ('savepoint' in db) return work(db as Tx);
  return (db as Sql).begin((tx) => work(tx)) as Promise<T>;
}
