-- Every instance caches what personalises a shopper (recent events, consent, removed interests)
-- for up to a minute. These triggers tell all of them, on commit, whose signals changed, so a
-- consent withdrawn through one instance is honoured by the others at once (NOTIFY payloads that
-- repeat within a transaction are delivered once). TG_ARGV[0] names the shopper-key column.
create function notify_shopper_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('lantern_shopper_changed', to_jsonb(old) ->> tg_argv[0]);
  else
    perform pg_notify('lantern_shopper_changed', to_jsonb(new) ->> tg_argv[0]);
  end if;
  return null;
end $$;

create trigger behaviour_events_notify after insert or update of shopper_key on behaviour_events
  for each row execute function notify_shopper_changed('shopper_key');
create trigger shopper_keys_notify
  after insert or delete or update of personalisation, analytics, customer_id on shopper_keys
  for each row execute function notify_shopper_changed('key');
create trigger shopper_interest_removals_notify after insert or delete on shopper_interest_removals
  for each row execute function notify_shopper_changed('shopper_key');
