-- The language a registration was made in (decision 0018): the confirmation email is worded in
-- it, and the account it opens starts with it as its preferred language (customers.locale), in
-- which later messages to the customer are worded.
alter table registration_requests
  add column locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en'));
