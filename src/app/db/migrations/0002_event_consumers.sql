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
