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
