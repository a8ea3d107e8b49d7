-- Orders copy what they need (titles, unit prices, address) so later catalog edits never
-- rewrite history. A guest reads their order with its secret access token, never by number.
create table orders (
  id text primary key,
  number text not null unique,
  customer_id text references customers (id) on delete set null,
  access_token_hash text not null,
  -- Stored as placeOrder normalises them (identity's normaliseEmail / normalisePhone), so an
  -- export or erasure request, which matches guest orders by equality, finds every one.
  email text not null default '' check (email = lower(btrim(email))),
  phone text not null default '' check (phone !~ '[[:space:]()-]'),
  status text not null check (status in ('pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled')),
  currency text not null,
  subtotal_minor bigint not null check (subtotal_minor >= 0),
  shipping_minor bigint not null check (shipping_minor >= 0),
  discount_minor bigint not null default 0 check (discount_minor >= 0),
  total_minor bigint not null check (total_minor >= 0),
  shipping_address jsonb not null,
  delivery_option text not null,
  locale text not null default 'zh-CN',
  tracking_number text,
  payment_due_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orders_customer on orders (customer_id, created_at desc);
create index orders_status on orders (status, created_at desc);
create index orders_payment_due on orders (payment_due_at) where status = 'pending_payment';

create table order_lines (
  id text primary key,
  order_id text not null references orders (id) on delete cascade,
  product_id text not null,
  variant_id text not null,
  sku text not null,
  title_zh text not null,
  title_en text not null,
  variant_label_zh text not null default '',
  variant_label_en text not null default '',
  image_url text,
  unit_price_minor bigint not null check (unit_price_minor >= 0),
  quantity int not null check (quantity > 0),
  line_total_minor bigint not null check (line_total_minor >= 0)
);
create index order_lines_order on order_lines (order_id);

-- The timeline: every status change and notable fact, in order.
-- The timeline: a stable type plus parameters, so pages word each entry in the reader's language
-- (decision 0011); `note` holds only what a person typed (a cancellation or refund reason).
create table order_events (
  id bigint generated always as identity primary key,
  order_id text not null references orders (id) on delete cascade,
  type text not null,
  from_status text,
  to_status text,
  note text not null default '',
  actor text not null default 'system',
  created_at timestamptz not null default now(),
  params jsonb not null default '{}'::jsonb
);
create index order_events_order on order_events (order_id, id);

-- Extra guest access tokens for an order. The first token's hash is on `orders`; a replayed
-- placement (same Idempotency-Key) mints another one here, so no raw token is ever stored.
create table order_access_tokens (
  token_hash text primary key,
  order_id text not null references orders (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index order_access_tokens_order on order_access_tokens (order_id);
create index orders_created on orders (created_at desc);
