-- Behaviour events keyed by a pseudonymous shopper key: a random value in the first-party
-- `lantern_vid` cookie (never the session token). At sign-in the visitor's key is merged into the
-- customer's key, so one customer has at most one key and their anonymous history joins it.
-- The consent flags mirror the shopper's current choice (privacy module) so that recording and
-- training can enforce it in SQL.
create table shopper_keys (
  key text primary key,
  customer_id text unique references customers (id) on delete cascade,
  personalisation boolean not null default false,
  analytics boolean not null default false,
  created_at timestamptz not null default now(),
  linked_at timestamptz
);

create table behaviour_events (
  id bigint generated always as identity primary key,
  shopper_key text not null,
  kind text not null check (kind in ('product_view', 'search', 'add_to_cart', 'purchase', 'favourite',
                                     'rec_impression', 'rec_click')),
  product_id text,
  query text check (length(query) <= 200),
  placement text,
  strategy text,
  -- what the shopper's consent allowed when the event was recorded; a row exists only if one is true
  for_personalisation boolean not null,
  for_analytics boolean not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  check (for_personalisation or for_analytics)
);
create index behaviour_events_shopper on behaviour_events (shopper_key, occurred_at desc);
create index behaviour_events_occurred on behaviour_events (occurred_at);

-- What remains of raw events after the retention period: daily counts, no shopper, no query text.
create table behaviour_daily_counts (
  day date not null,
  product_id text not null default '',
  kind text not null,
  events int not null,
  primary key (day, product_id, kind)
);

-- Minimal favourites (a heart on the product page); a favourite also records a behaviour event.
create table favourites (
  shopper_key text not null,
  product_id text not null,
  created_at timestamptz not null default now(),
  primary key (shopper_key, product_id)
);
