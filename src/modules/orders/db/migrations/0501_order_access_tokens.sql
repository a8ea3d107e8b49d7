-- Extra guest access tokens for an order. The first token's hash is on `orders`; a replayed
-- placement (same Idempotency-Key) mints another one here, so no raw token is ever stored.
create table order_access_tokens (
  token_hash text primary key,
  order_id text not null references orders (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index order_access_tokens_order on order_access_tokens (order_id);
create index orders_created on orders (created_at desc);
