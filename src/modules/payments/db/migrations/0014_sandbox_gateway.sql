-- The sandbox payment gateway's own records: what a real provider keeps in its own systems. Only
-- the gateway (payments/sandbox/) reads and writes these tables; the shop learns what happened
-- through the gateway's API answers and signed callbacks, never by reading them.
create table sandbox_gateway_payments (
  id text primary key,                      -- the gateway's reference (sbx_…), the shop's provider_ref
  merchant_reference text not null unique,  -- the shop's payment id: creating it again answers the first
  order_reference text not null,
  method text not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  status text not null check (status in ('requires_action', 'captured', 'failed', 'cancelled')),
  failure_code text,
  refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (refunded_minor <= amount_minor)
);

create table sandbox_gateway_refunds (
  id text primary key,
  merchant_reference text not null unique,  -- the shop's refund id: asking again answers the first
  payment_id text not null references sandbox_gateway_payments (id),
  amount_minor bigint not null check (amount_minor > 0),
  created_at timestamptz not null default now()
);

-- Callbacks the gateway owes the shop, retried with back-off until the shop answers 2xx.
create table sandbox_gateway_callbacks (
  id text primary key,                      -- the event id the shop de-duplicates by
  payment_id text not null references sandbox_gateway_payments (id),
  body text not null,                       -- the exact bytes that are signed and sent
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now()
);
create index sandbox_gateway_callbacks_due on sandbox_gateway_callbacks (next_attempt_at) where status = 'pending';
