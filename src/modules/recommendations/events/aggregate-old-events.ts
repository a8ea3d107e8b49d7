/**
 * Retention: raw behaviour events older than `EVENT_RETENTION_DAYS` (default 180) are folded into
 * daily counts per product and kind (no shopper, no query text) and deleted, in one transaction.
 */
import { type Db, withTransaction } from '../../../app/database.ts';

const DEFAULT_RETENTION_DAYS = 180;

/** The retention in days from `EVENT_RETENTION_DAYS`; anything not a positive integer is the default. */
export function eventRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.EVENT_RETENTION_DAYS);
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

/** Aggregates and deletes events older than `retentionDays`; returns how many raw events went. */
export async function aggregateOldEvents(db: Db, retentionDays = eventRetentionDays()): Promise<number> {
  return withTransaction(db, async (tx) => {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    const [row] = await tx<{ n: number }[]>`
      with gone as (
        delete from behaviour_events where occurred_at < ${cutoff}
        returning (occurred_at at time zone 'UTC')::date as day, coalesce(product_id, '') as product_id, kind),
      counted as (
        insert into behaviour_daily_counts (day, product_id, kind, events)
        select day, product_id, kind, count(*) from gone group by day, product_id, kind
        on conflict (day, product_id, kind) do update set events = behaviour_daily_counts.events + excluded.events)
      select count(*)::int as n from gone`;
    return row!.n;
  });
}
