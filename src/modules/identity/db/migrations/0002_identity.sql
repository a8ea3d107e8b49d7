-- Who is asking: staff accounts and the sessions of shoppers and staff. Customers and staff are
-- separate tables with separate sessions, so shopper and staff authentication never mix. Identity
-- sits below every module: its tables reference none of theirs.
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
  customer_id text, -- a customer's id; customers revokes these when the account goes
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
