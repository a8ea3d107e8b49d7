-- A text search reads only search_vectors (no join per match): each vector row carries the
-- filter, sort and facet columns of its document. Listings without text read the narrow
-- search_documents. Both are written by the same indexing statement.
alter table search_vectors
  add column category_nos int[] not null default '{}',
  add column cat1 int,
  add column cat2 int,
  add column cat3 int,
  add column brand_no int,
  add column price_minor bigint not null default 0,
  add column in_stock boolean not null default false,
  add column sales_count int not null default 0,
  add column published_at timestamptz;
