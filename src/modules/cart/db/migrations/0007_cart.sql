-- Carts belong to a customer or, for guests, to a session. Lines hold only variant and
-- quantity: prices are recomputed from the catalog every time a cart is read.
create table carts (
  id text primary key,
  customer_id text references customers (id) on delete cascade,
  session_token_hash text,
  currency text not null default 'CNY',
  status text not null default 'active' check (status in ('active', 'ordered', 'merged')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (customer_id is not null or session_token_hash is not null)
);
create unique index carts_active_customer on carts (customer_id) where status = 'active' and customer_id is not null;
create unique index carts_active_session on carts (session_token_hash) where status = 'active' and customer_id is null;

create table cart_lines (
  cart_id text not null references carts (id) on delete cascade,
  variant_id text not null references variants (id),
  quantity int not null check (quantity between 1 and 99),
  added_at timestamptz not null default now(),
  primary key (cart_id, variant_id)
);
