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
