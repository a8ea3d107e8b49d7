/**
 * Search statements share their text across very different queries (a rare word matches ten
 * products, a common one forty thousand). PostgreSQL switches a prepared statement to one generic
 * plan after five runs, which is slow for one of the two; these run with a plan per query.
 */
import { type Db, withTransaction } from '../../app/database.ts';

/** Runs `work` in a transaction (the caller's, if any) that plans every statement for its values. */
export function withCustomPlans<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return withTransaction(db, async (tx) => {
    await tx`set local plan_cache_mode = force_custom_plan`;
    return work(tx);
  });
}
