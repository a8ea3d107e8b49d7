-- Inventory: stock per variant and warehouse, reservations that expire, movement history.
create table warehouses (
  id text primary key,
  code text not null unique,
  name_zh text not null,
  name_en text not null,
  region text not null,
  priority int not null default 0,
  is_active boolean not null default true
);

-- available = on_hand - reserved; the checks make overselling impossible even for a buggy caller.
create table stock_levels (
  variant_id text not null references variants (id) on delete cascade,
  warehouse_id text not null references warehouses (id),
  on_hand int not null default 0 check (on_hand >= 0),
  reserved int not null default 0 check (reserved >= 0),
  low_stock_threshold int not null default 5 check (low_stock_threshold >= 0),
  updated_at timestamptz not null default now(),
  primary key (variant_id, warehouse_id),
  check (reserved <= on_hand)
);

create table stock_reservations (
  id text primary key,
  variant_id text not null,
  warehouse_id text not null,
  quantity int not null check (quantity > 0),
  -- what holds the stock, e.g. an order id
  holder_id text not null,
  status text not null default 'active' check (status in ('active', 'committed', 'released')),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  foreign key (variant_id, warehouse_id) references stock_levels (variant_id, warehouse_id)
);
create index stock_reservations_holder on stock_reservations (holder_id);
create index stock_reservations_expiring on stock_reservations (expires_at) where status = 'active';

create table stock_movements (
  id bigint generated always as identity primary key,
  variant_id text not null,
  warehouse_id text not null,
  -- change of on_hand; reservations move `reserved` and are recorded with delta 0
  delta int not null,
  reason text not null check (reason in ('seed', 'adjustment', 'restock', 'damage', 'count', 'sale', 'return', 'cancel')),
  note text not null default '',
  ref_id text,
  actor_id text,
  on_hand_after int not null,
  created_at timestamptz not null default now()
);
create index stock_movements_variant on stock_movements (variant_id, created_at desc);

-- Units that can be bought now per variant, across active warehouses (the same sum as
-- getStockLevels' callers make): the read model other modules' SQL may call instead of reading
-- stock_levels and warehouses themselves. Stable and plain SQL, so the planner inlines it.
create function inventory_available_stock(variant_ids text[])
returns table (variant_id text, available int)
language sql stable as $$
  select s.variant_id, sum(greatest(0, s.on_hand - s.reserved))::int
    from stock_levels s join warehouses w on w.id = s.warehouse_id and w.is_active
   where s.variant_id = any(variant_ids)
   group by s.variant_id
$$;
