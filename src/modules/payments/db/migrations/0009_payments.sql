-- Payments through a provider seam. Never a card number: only brand and last four digits.
create table payments (
  id text primary key,
  order_id text not null references orders (id),
  provider text not null,
  method text not null,
  status text not null check (status in ('pending', 'authorized', 'captured', 'failed', 'refunded', 'partially_refunded')),
  amount_minor bigint not null check (amount_minor > 0),
  refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  currency text not null,
  provider_ref text,
  card_brand text,
  card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
  failure_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (refunded_minor <= amount_minor)
);
create index payments_order on payments (order_id);
-- at most one successful payment per order: a second capture loses the race, never double-charges
create unique index payments_one_captured on payments (order_id) where status in ('captured', 'partially_refunded', 'refunded');

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
