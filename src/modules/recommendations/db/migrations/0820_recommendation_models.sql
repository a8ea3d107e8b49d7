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
