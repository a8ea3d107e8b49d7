-- Consent history of customers: every choice is a new row, the latest one counts. Guests keep
-- their choice in the `lantern_consent` cookie only.
create table consents (
  id bigint generated always as identity primary key,
  customer_id text not null references customers (id) on delete cascade,
  personalisation boolean not null,
  analytics boolean not null,
  source text not null check (source in ('banner', 'privacy_page', 'sign_in', 'api')),
  created_at timestamptz not null default now()
);
create index consents_customer on consents (customer_id, id desc);
