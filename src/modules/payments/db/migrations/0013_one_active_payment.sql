-- One active payment attempt per order, attempts superseded by cancelling them at the provider,
-- and captures the order does not need (it was already paid, or is no longer payable) kept on
-- record and refunded automatically.
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('pending', 'authorized', 'captured', 'failed', 'cancelled', 'refunded', 'partially_refunded'));
alter table payments
  -- the shopper's Idempotency-Key, so a settlement found later answers the request that began it
  add column idempotency_key text,
  -- where the payer goes to approve a redirect / QR payment (handed out again while it is active)
  add column next_action jsonb,
  -- captured for an order that was already paid or no longer payable: refunded automatically
  add column is_surplus boolean not null default false;

-- The database decides the race between two attempts: at most one is active per order.
create unique index payments_one_active on payments (order_id) where status in ('pending', 'authorized');
-- At most one capture pays an order; surplus captures are refunded and do not count.
drop index payments_one_captured;
create unique index payments_one_captured on payments (order_id)
  where status in ('captured', 'partially_refunded', 'refunded') and not is_surplus;
-- The reconciliation job looks for attempts left open.
create index payments_open on payments (updated_at) where status in ('pending', 'authorized');

-- A refund is 'pending' between asking the provider and its answer; its amount is already counted
-- in the payment's `refunded_minor`, so concurrent refunds can never exceed the capture.
alter table refunds drop constraint refunds_status_check;
alter table refunds add constraint refunds_status_check check (status in ('pending', 'succeeded', 'failed'));
alter table refunds
  add column is_automatic boolean not null default false,
  add column idempotency_key text,
  add column updated_at timestamptz not null default now();
-- A surplus capture is refunded automatically exactly once, however many callbacks report it.
create unique index refunds_one_automatic on refunds (payment_id) where is_automatic;
create index refunds_open on refunds (updated_at) where status = 'pending';
