-- One-time data jobs of the events module that must never run twice (e.g. turning orders placed
-- before the order-event consumer first ran into purchase events). No personal data.
create table behaviour_backfills (
  name text primary key,
  events int not null,
  done_at timestamptz not null default now()
);
