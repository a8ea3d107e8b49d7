-- Outbox consumers read in bounded batches and retry failed events (decision record "Outbox
-- batches, retries and dead letters").

-- A batch may end part-way through one transaction's events, so a consumer's position is the
-- (transaction id, event id) of the last event it was handed: every event at or before it, in
-- that order, is handled, retrying or dead-lettered. (passed_txid, 0) means "every event of a
-- transaction below passed_txid", which is what settled_below meant, so existing rows keep
-- their meaning.
alter table event_consumers rename column settled_below to passed_txid;
alter table event_consumers add column passed_id bigint not null default 0;
-- The event types the consumer reads, written by each run, so its lag can be measured in SQL.
alter table event_consumers add column event_types text[] not null default '{}';

-- An event a consumer failed to handle, waiting for its next attempt. It holds a copy of the
-- event, so a retry never depends on the outbox row (which is pruned after the retention period).
create table event_retries (
  consumer text not null references event_consumers (name) on delete cascade,
  event_id bigint not null,
  event_type text not null,
  aggregate_id text not null,
  payload jsonb not null,
  event_created_at timestamptz not null,
  -- failed attempts so far (0 for an event a merchant re-queued from the dead letters)
  attempts int not null,
  last_error text not null,
  first_failed_at timestamptz not null,
  last_failed_at timestamptz not null,
  next_attempt_at timestamptz not null,
  primary key (consumer, event_id)
);
create index event_retries_due on event_retries (consumer, next_attempt_at);

-- An event a consumer gave up on after its last attempt. It waits for staff to retry it (back to
-- event_retries) or discard it; discarded rows are kept for the event retention period.
create table dead_letter_events (
  id text primary key,
  consumer text not null,
  event_id bigint not null,
  event_type text not null,
  aggregate_id text not null,
  payload jsonb not null,
  event_created_at timestamptz not null,
  error text not null,
  attempts int not null,
  first_failed_at timestamptz not null,
  last_failed_at timestamptz not null,
  discarded_at timestamptz,
  discarded_by text,
  unique (consumer, event_id)
);
create index dead_letter_events_waiting on dead_letter_events (last_failed_at desc, id)
  where discarded_at is null;
