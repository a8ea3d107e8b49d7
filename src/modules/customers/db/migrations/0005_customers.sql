-- Customers (shoppers): accounts, addresses and phone one-time codes. Staff and sessions belong
-- to identity, the layer below.
create table customers (
  id text primary key,
  email text unique check (email = lower(email)),
  phone text unique,
  name text not null default '',
  password_hash text,
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  theme text not null default 'system' check (theme in ('system', 'light', 'dark')),
  density text not null default 'comfortable' check (density in ('comfortable', 'compact')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (email is not null or phone is not null)
);

create table addresses (
  id text primary key,
  customer_id text not null references customers (id) on delete cascade,
  recipient text not null,
  phone text not null,
  country text not null default 'CN',
  province text not null,
  city text not null,
  district text not null default '',
  line1 text not null,
  postal_code text not null default '',
  is_default boolean not null default false,
  created_at timestamptz not null default now()
);
create index addresses_customer on addresses (customer_id);

-- Phone one-time codes: random, single use, expiring, purpose-bound, few attempts.
create table one_time_codes (
  id text primary key,
  phone text not null,
  purpose text not null check (purpose in ('login')),
  code_hash text not null,
  attempts int not null default 0,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now()
);
create index one_time_codes_phone on one_time_codes (phone, created_at desc);

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
  created_at timestamptz not null default now(),
  -- The language the registration was made in (decision 0018): the confirmation email is worded
  -- in it, and the account it opens starts with it as its preferred language.
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en'))
);
create index registration_requests_expiry on registration_requests (expires_at);
