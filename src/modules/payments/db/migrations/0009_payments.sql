-- Payments through a provider seam. Never a card number: only brand and last four digits.
-- An order has at most one active attempt (decision 0013); a capture the order does not need (it
-- was already paid, or is no longer payable) is kept on record and refunded automatically.
create table payments (
  id text primary key,
  order_id text not null references orders (id),
  provider text not null,
  method text not null,
  status text not null,
  amount_minor bigint not null check (amount_minor > 0),
  refunded_minor bigint not null default 0 check (refunded_minor >= 0),
  currency text not null,
  provider_ref text,
  card_brand text,
  card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
  failure_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- the shopper's Idempotency-Key, so a settlement found later answers the request that began it
  idempotency_key text,
  -- where the payer goes to approve a redirect / QR payment (handed out again while it is active)
  next_action jsonb,
  -- captured for an order that was already paid or no longer payable: refunded automatically
  is_surplus boolean not null default false,
  check (refunded_minor <= amount_minor),
  constraint payments_status_check
    check (status in ('pending', 'authorized', 'captured', 'failed', 'cancelled', 'refunded', 'partially_refunded'))
);
create index payments_order on payments (order_id);
-- The database decides the race between two attempts: at most one is active per order.
create unique index payments_one_active on payments (order_id) where status in ('pending', 'authorized');
-- At most one capture pays an order (a second loses the race, never double-charges); surplus
-- captures are refunded and do not count.
create unique index payments_one_captured on payments (order_id)
  where status in ('captured', 'partially_refunded', 'refunded') and not is_surplus;
-- The reconciliation job looks for attempts left open.
create index payments_open on payments (updated_at) where status in ('pending', 'authorized');

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
-- and its check (refunded_minor <= amount_minor) makes over-refunding impossible. A refund is
-- 'pending' between asking the provider and its answer; its amount is already counted in
-- `refunded_minor`, so concurrent refunds can never exceed the capture.
create table refunds (
  id text primary key,
  payment_id text not null references payments (id),
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  status text not null check (status in ('pending', 'succeeded', 'failed')),
  provider_ref text,
  staff_id text,
  reason text not null default '',
  created_at timestamptz not null default now(),
  is_automatic boolean not null default false,
  idempotency_key text,
  updated_at timestamptz not null default now()
);
create index refunds_payment on refunds (payment_id);
-- A surplus capture is refunded automatically exactly once, however many callbacks report it.
create unique index refunds_one_automatic on refunds (payment_id) where is_automatic;
create index refunds_open on refunds (updated_at) where status = 'pending';

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
