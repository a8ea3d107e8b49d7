-- Type-ahead looks up brands and categories (few rows) apart from product titles (many), so a
-- one-letter prefix never scans every title.
drop index search_suggestions_keys;
create index search_suggestions_named_keys on search_suggestions using gin (keys) where kind <> 'product';
create index search_suggestions_product_keys on search_suggestions using gin (keys) where kind = 'product';
