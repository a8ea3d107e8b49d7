-- Search: one document per product built from catalog's indexing view (never from catalog tables),
-- a vocabulary for typo correction, suggestion rows for type-ahead, and facet labels.
create table search_documents (
  product_id text primary key,
  is_published boolean not null,
  -- 'simple' lexemes written by the app (jieba-segmented, simplified, lower-case, pinyin):
  -- A title, B brand and category, C description and attributes, D pinyin
  tsv tsvector not null,
  -- the product's category and every ancestor, so a category page includes its subtree
  category_ids text[] not null default '{}',
  brand_id text,
  price_minor bigint not null default 0,
  in_stock boolean not null default false,
  sales_count int not null default 0,
  published_at timestamptz,
  indexed_at timestamptz not null default now()
);
create index search_documents_tsv on search_documents using gin (tsv) where is_published;
create index search_documents_categories on search_documents using gin (category_ids) where is_published;
create index search_documents_brand on search_documents (brand_id) where is_published;
create index search_documents_sales on search_documents (sales_count desc, product_id) where is_published;
create index search_documents_newest on search_documents (published_at desc, product_id) where is_published;
create index search_documents_price on search_documents (price_minor, product_id) where is_published;

-- Every lexeme of published documents: known words are searched as typed, unknown Latin words
-- are corrected to the most similar known one (trigram), unknown Chinese words fall back to pinyin.
create table search_terms (
  term text primary key,
  doc_count int not null default 1,
  is_latin boolean not null
);
create index search_terms_trgm on search_terms using gin (term gin_trgm_ops) where is_latin;

-- Type-ahead rows: product titles (per language), brands and categories; `keys` holds every
-- word, word-start suffix, full pinyin and pinyin initials, matched by prefix (GIN `:*`).
create table search_suggestions (
  id text primary key,
  kind text not null check (kind in ('product', 'brand', 'category')),
  target_id text not null,
  label text not null,
  keys tsvector not null,
  weight int not null default 0
);
create index search_suggestions_keys on search_suggestions using gin (keys);
create index search_suggestions_target on search_suggestions (target_id);

-- Names of the brands and categories seen while indexing: facet labels and slug lookups.
create table search_labels (
  id text primary key,
  kind text not null check (kind in ('brand', 'category')),
  slug text not null,
  parent_id text,
  name_zh text not null,
  name_en text not null
);
create unique index search_labels_slug on search_labels (kind, slug);
