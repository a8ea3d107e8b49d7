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

-- One-time data jobs of the events module that must never run twice (e.g. turning orders placed
-- before the order-event consumer first ran into purchase events). No personal data.
create table behaviour_backfills (
  name text primary key,
  events int not null,
  done_at timestamptz not null default now()
);

-- Trained recommendation models: one row per version of a named model (e.g. 'hybrid'), the
-- packed typed arrays in `data` (see models/model-codec.ts) and the product key of each dense
-- item index, so a restarted server loads the latest version instead of retraining.
create table recommendation_models (
  name text not null,
  version int not null,
  kind text not null,
  trained_at timestamptz not null,
  params jsonb not null,
  item_keys text[] not null,
  data bytea not null,
  created_at timestamptz not null default now(),
  primary key (name, version)
);

-- Interests a shopper removed from their profile ("my interests" page): a category (with every
-- category below it), a brand or a price band. Recommendations never show a product matching
-- one. Keyed by the pseudonymous shopper key like behaviour events; the row goes with the key
-- (account deletion, `forgetShopper`), and sign-in moves a visitor's rows to the account's key.
create table shopper_interest_removals (
  shopper_key text not null references shopper_keys (key) on delete cascade,
  kind text not null check (kind in ('category', 'brand', 'price_band')),
  value text not null check (length(value) between 1 and 64),
  removed_at timestamptz not null default now(),
  primary key (shopper_key, kind, value)
);
-- The admin counts removals per tag across shoppers.
create index shopper_interest_removals_tag on shopper_interest_removals (kind, value);

-- Every instance caches what personalises a shopper (recent events, consent, removed interests)
-- for up to a minute. These triggers tell all of them, on commit, whose signals changed, so a
-- consent withdrawn through one instance is honoured by the others at once (NOTIFY payloads that
-- repeat within a transaction are delivered once). TG_ARGV[0] names the shopper-key column.
create function notify_shopper_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('lantern_shopper_changed', to_jsonb(old) ->> tg_argv[0]);
  else
    perform pg_notify('lantern_shopper_changed', to_jsonb(new) ->> tg_argv[0]);
  end if;
  return null;
end $$;

create trigger behaviour_events_notify after insert or update of shopper_key on behaviour_events
  for each row execute function notify_shopper_changed('shopper_key');
create trigger shopper_keys_notify
  after insert or delete or update of personalisation, analytics, customer_id on shopper_keys
  for each row execute function notify_shopper_changed('key');
create trigger shopper_interest_removals_notify after insert or delete on shopper_interest_removals
  for each row execute function notify_shopper_changed('shopper_key');

-- A/B tests between two recommendation strategies on one placement. Assignment is stateless (a
-- hash of experiment id and shopper key), so no per-shopper rows exist here and nothing personal
-- is stored; results are read from behaviour_events by the label `<experiment id>.<arm>`.
-- Placement and strategy names are checked by the application (they grow with the engine).
create table recommendation_experiments (
  id text primary key,
  name text not null check (length(name) between 1 and 100),
  placement text not null,
  strategy_a text not null,
  strategy_b text not null check (strategy_b <> strategy_a),
  -- percent of keyed visitors shown arm b
  share_b smallint not null default 50 check (share_b between 1 and 99),
  status text not null default 'draft' check (status in ('draft', 'running', 'stopped')),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  stopped_at timestamptz,
  check ((status = 'draft') = (started_at is null)),
  check ((status = 'stopped') = (stopped_at is not null))
);

-- One running experiment per placement: the second start loses the race here.
create unique index recommendation_experiments_one_running
  on recommendation_experiments (placement) where status = 'running';
create index recommendation_experiments_created on recommendation_experiments (created_at desc);

-- Experiment results read an arm's impressions and clicks by label (`strategy`) and time; only
-- placement events carry a label, so the index stays small.
create index behaviour_events_rec_label on behaviour_events (strategy, occurred_at) where strategy is not null;
