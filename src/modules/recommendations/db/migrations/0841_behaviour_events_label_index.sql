-- Experiment results read an arm's impressions and clicks by label (`strategy`) and time; only
-- placement events carry a label, so the index stays small.
create index behaviour_events_rec_label on behaviour_events (strategy, occurred_at) where strategy is not null;
