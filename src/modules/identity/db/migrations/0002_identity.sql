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

-- Password sign-in throttling (decision 0007). Each failed attempt is a row, so the limits count
-- exactly "in the last hour" across every instance and survive restarts; rows older than the
-- longest window are deleted by identity.purge-login-throttle.
create table login_failures (
  id bigint generated always as identity primary key,
  -- SHA-256 of "<shopper|staff>:<normalised email>": known and unknown emails alike, and no
  -- readable address in the table.
  account_key text not null,
  ip text not null,
  -- The SHA-256 of the device token when the attempt came from a device known for the account;
  -- such failures count against that device only, not against the account.
  device_hash text,
  failed_at timestamptz not null default now()
);
create index login_failures_account on login_failures (account_key, failed_at);
create index login_failures_ip on login_failures (ip, failed_at);
create index login_failures_device on login_failures (device_hash, failed_at) where device_hash is not null;

-- Browsers that signed in to an account before (OWASP "device cookies"): the `lantern_device`
-- cookie holds a random token; only its SHA-256 is kept, once per account it signed in to.
create table known_devices (
  token_hash text not null,
  -- a customer's or a staff user's id (ids are prefixed, so the two never collide)
  account_id text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  primary key (token_hash, account_id)
);
create index known_devices_account on known_devices (account_id);
create index known_devices_last_used on known_devices (last_used_at);

-- Every instance keeps the shopper sessions it has seen for a minute, to spare each request a
-- round trip; so it must hear at once when one ends. A statement that deletes or changes sessions
-- (sign-out, revocation, a password reset, the expiry purge, an account deleted) notifies
-- `lantern_session_changed` with each token hash after commit, or with '*' (forget them all) when
-- it touched many. Statement triggers with transition tables: one purge of thousands of rows is
-- one notification, not thousands.
create function notify_sessions_changed() returns trigger language plpgsql as $$
declare
  changed integer;
  hash text;
begin
  select count(*) into changed from gone;
  if changed > 50 then
    perform pg_notify('lantern_session_changed', '*');
  else
    for hash in select token_hash from gone loop
      perform pg_notify('lantern_session_changed', hash);
    end loop;
  end if;
  return null;
end $$;

create trigger sessions_deleted_notify after delete on sessions
  referencing old table as gone for each statement execute function notify_sessions_changed();
create trigger sessions_updated_notify after update on sessions
  referencing old table as gone for each statement execute function notify_sessions_changed();
