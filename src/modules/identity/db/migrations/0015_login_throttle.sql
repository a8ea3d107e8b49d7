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
