-- Platform tables shared by every module: extensions, the domain-event outbox with its consumers,
-- retries and dead letters, idempotency records for retryable writes, and scheduled job runs.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gin;

-- Transactional outbox: a module writes its event in the same transaction as the change
-- (src/app/events.ts); consumers declared by modules handle it after commit. Consumers read events by the id of the transaction that wrote them: every transaction older
-- than the current snapshot's xmin has settled, so the events in [cursor, xmin) are final and none
-- is skipped when transactions commit out of order (decisions 0004 and 0009).
create table domain_events (
  id bigint generated always as identity primary key,
  type text not null,
  aggregate_id text not null,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  txid xid8 not null default pg_current_xact_id()
);
create index domain_events_txid on domain_events (txid, id);

-- One row per (scope, key): the first request's outcome is replayed to every retry.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code int,
  response jsonb,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);

-- A consumer's position is the (transaction id, event id) of the last event it was handed: every
-- event at or before it, in that order, is handled, retrying or dead-lettered. (passed_txid, 0)
-- means "every event of a transaction below passed_txid". A batch may end part-way through one
-- transaction's events.
create table event_consumers (
  name text primary key,
  passed_txid xid8 not null,
  passed_id bigint not null default 0,
  -- the event types the consumer reads, written by each run, so its lag can be measured in SQL
  event_types text[] not null default '{}'
);

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

-- When each scheduled job last started and finished, on any instance. A run claims its job by
-- moving started_at forward only if the previous start is older than most of the job's interval
-- (src/app/run-job-once.ts), so instances started together run each job once, not once each.
create table scheduled_job_runs (
  job_name text primary key,
  started_at timestamptz not null,
  finished_at timestamptz
);
