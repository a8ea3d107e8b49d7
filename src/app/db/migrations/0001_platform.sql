-- Platform tables shared by every module: extensions, the domain-event outbox and
-- idempotency records for retryable writes.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gin;

-- Transactional outbox: a module writes its event in the same transaction as the change;
-- the worker publishes after commit (see src/app/events.ts).
create table domain_events (
  id bigint generated always as identity primary key,
  type text not null,
  aggregate_id text not null,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  published_at timestamptz
);
create index domain_events_unpublished on domain_events (id) where published_at is null;

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

-- Outbox consumers read events by the id of the transaction that wrote them: every transaction
-- older than the current snapshot's xmin has settled, so the events in [cursor, xmin) are final
-- and none is skipped when transactions commit out of order.
alter table domain_events add column txid xid8 not null default pg_current_xact_id();
create index domain_events_txid on domain_events (txid, id);

create table event_consumers (
  name text primary key,
  -- every event written by a transaction with id below this has been handled
  settled_below xid8 not null
);
