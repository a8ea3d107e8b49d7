/**
 * Housekeeping of the platform tables: idempotency records outlive any client retry after a day,
 * outbox events are kept 30 days (for replays and audits) once every consumer has passed them, and
 * discarded dead letters 30 days after they were discarded.
 */
import type { Job } from './jobs.ts';

export const IDEMPOTENCY_RETENTION_HOURS = 24;
export const EVENT_RETENTION_DAYS = 30;

export const platformJobs: Job[] = [
  {
    name: 'platform.prune-idempotency-keys',
    everyMs: 3_600_000,
    run: ({ sql }) =>
      sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`,
  },
  {
    name: 'platform.prune-domain-events',
    everyMs: 3_600_000,
    // Retries and dead letters hold their own copy of the event, so only positions matter here.
    run: ({ sql }) => sql`
      delete from domain_events
       where created_at < now() - make_interval(days => ${EVENT_RETENTION_DAYS})
         and txid < coalesce((select min(passed_txid) from event_consumers), '0'::xid8)`,
  },
  {
    name: 'platform.prune-discarded-dead-letters',
    everyMs: 3_600_000,
    run: ({ sql }) => sql`
      delete from dead_letter_events
       where discarded_at < now() - make_interval(days => ${EVENT_RETENTION_DAYS})`,
  },
];
