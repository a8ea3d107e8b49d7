-- Registrations waiting for their emailed link (decision 0007): the account is created only when
-- the owner of the address opens it, so registering never tells whether an address has an
-- account. One pending request per address (a new one replaces it); the link's token is stored as
-- its SHA-256 and expires after a day; customers.purge-stale-login-codes also deletes old ones.
create table registration_requests (
  email text primary key check (email = lower(email)),
  name text not null,
  password_hash text not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index registration_requests_expiry on registration_requests (expires_at);
