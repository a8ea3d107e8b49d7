-- The development outbox: every SMS and email Lantern would send, readable by staff in the
-- admin. Production adapters deliver through a provider as well; the record stays.
create table notifications (
  id text primary key,
  channel text not null check (channel in ('sms', 'email')),
  recipient text not null,
  subject text not null default '',
  body text not null,
  created_at timestamptz not null default now()
);
create index notifications_created on notifications (created_at desc);
