-- Provider callbacks, de-duplicated by the provider's event id: a replayed callback is a no-op.
create table payment_callbacks (
  provider text not null,
  event_id text not null,
  payment_id text,
  outcome text not null,
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);

-- Refunds against a captured payment; the payment row's `refunded_minor` is the running total
-- and its check (refunded_minor <= amount_minor) makes over-refunding impossible.
create table refunds (
  id text primary key,
  payment_id text not null references payments (id),
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  status text not null check (status in ('succeeded', 'failed')),
  provider_ref text,
  staff_id text,
  reason text not null default '',
  created_at timestamptz not null default now()
);
create index refunds_payment on refunds (payment_id);

