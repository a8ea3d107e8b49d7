/**
 * How far behind each outbox consumer is, measured in the database (so every instance reports
 * the same): events it has not been handed yet, failed ones waiting for a retry, the age of the
 * oldest of these, and its dead letters. Read by `/metrics`, the admin API and the console.
 */
import type { Db } from './database.ts';

export interface EventConsumerLag {
  consumer: string;
  /** Events of its types past its position: recorded, not yet handed to it. */
  pending: number;
  /** Failed events waiting for another attempt. */
  retrying: number;
  /** When the oldest pending or retrying event was recorded; null when there is none. */
  oldestUnhandledAt: Date | null;
  /** Seconds since then by the database clock; 0 when there is none. */
  oldestUnhandledAgeSeconds: number;
  /** Dead letters waiting for staff. */
  deadLetters: number;
}

/** Every consumer that has run at least once, by name. */
export async function listEventConsumerLag(db: Db): Promise<EventConsumerLag[]> {
  const rows = await db<EventConsumerLag[]>`
    select c.name as consumer, p.pending, r.retrying, d.dead_letters as "deadLetters",
           least(p.oldest, r.oldest) as "oldestUnhandledAt",
           coalesce(extract(epoch from now() - least(p.oldest, r.oldest)), 0)::float8 as "oldestUnhandledAgeSeconds"
      from event_consumers c
     cross join lateral (
       select count(*)::int as pending, min(e.created_at) as oldest from domain_events e
        where (e.txid, e.id) > (c.passed_txid, c.passed_id) and e.type = any(c.event_types)) p
     cross join lateral (
       select count(*)::int as retrying, min(event_created_at) as oldest
         from event_retries where consumer = c.name) r
     cross join lateral (
       select count(*)::int as dead_letters from dead_letter_events
        where consumer = c.name and discarded_at is null) d
     order by c.name`;
  return [...rows];
}

/** The lag as Prometheus gauges, one series per consumer. */
export function eventConsumerGauges(lag: EventConsumerLag[]): string[] {
  const gauges: [string, string, (l: EventConsumerLag) => number][] = [
    [
      'lantern_outbox_pending_events',
      'Events a consumer has not handled yet: not yet handed to it, or failed and waiting for a retry.',
      (l) => l.pending + l.retrying,
    ],
    ['lantern_outbox_retrying_events', 'Failed events waiting for another attempt.', (l) => l.retrying],
    [
      'lantern_outbox_oldest_unhandled_age_seconds',
      'Age of the oldest event a consumer has not handled yet; 0 when there is none.',
      (l) => l.oldestUnhandledAgeSeconds,
    ],
    [
      'lantern_outbox_dead_letters',
      'Events a consumer gave up on, waiting for staff to retry or discard them.',
      (l) => l.deadLetters,
    ],
  ];
  return gauges.flatMap(([name, help, value]) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...lag.map((l) => `${name}{consumer="${labelValue(l.consumer)}"} ${value(l)}`),
  ]);
}

/** Escapes a Prometheus label value (backslash, quote, newline). */
function labelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
