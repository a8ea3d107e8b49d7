-- Facet counts of listings without text (category pages, "all products") come from this cube of
-- published documents by category path, brand, price bucket and stock: a few thousand rows
-- instead of every document. Indexing keeps it exact (subtract old rows, add new ones).
create table search_facet_cube (
  cat1 int,
  cat2 int,
  cat3 int,
  brand_no int,
  bucket int not null,
  in_stock boolean not null,
  n int not null,
  constraint search_facet_cube_key unique nulls not distinct (cat1, cat2, cat3, brand_no, bucket, in_stock)
);
