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
