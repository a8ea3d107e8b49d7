-- Customers (shoppers) and staff (merchants, agents, admins) are separate tables with separate
-- sessions, so shopper and staff authentication can never be mixed up.
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

create table staff_users (
  id text primary key,
  email text not null unique check (email = lower(email)),
  name text not null,
  role text not null check (role in ('merchant', 'agent', 'admin')),
  password_hash text not null,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);

-- The cookie or bearer token is random; only its SHA-256 is stored.
create table sessions (
  token_hash text primary key,
  kind text not null check (kind in ('shopper', 'staff')),
  customer_id text references customers (id) on delete cascade,
  staff_id text references staff_users (id) on delete cascade,
  csrf_token text not null,
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check ((kind = 'staff') = (staff_id is not null)),
  check (kind = 'shopper' or customer_id is null)
);
create index sessions_customer on sessions (customer_id);
create index sessions_expiry on sessions (expires_at);

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
