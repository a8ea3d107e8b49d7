-- Broad one-word searches (黑色, black, 耳机) match tens of thousands of products; their facets come
-- from a cube per frequent term, like listings do from search_facet_cube. Frequent terms are
-- marked when the vocabulary is recounted; indexing keeps their cube rows exact.
alter table search_terms add column is_frequent boolean not null default false;
create table search_term_cube (
  term text not null,
  cat1 int,
  cat2 int,
  cat3 int,
  brand_no int,
  bucket int not null,
  in_stock boolean not null,
  n int not null,
  constraint search_term_cube_key unique nulls not distinct (term, cat1, cat2, cat3, brand_no, bucket, in_stock)
);
-- sorted walks for broad text searches: the first 500 best sellers that match, without a sort
create index search_vectors_sales on search_vectors (sales_count desc, product_id);
create index search_vectors_newest on search_vectors (published_at desc, product_id);
create index search_vectors_price on search_vectors (price_minor, product_id);
