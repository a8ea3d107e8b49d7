-- Catalog: categories tree, brands, products with options, variants and media.
-- Text is stored in both languages (zh, en); prices are integer minor units (fen for CNY).
create table categories (
  id text primary key,
  parent_id text references categories (id),
  slug text not null unique,
  name_zh text not null,
  name_en text not null,
  position int not null default 0,
  created_at timestamptz not null default now()
);
create index categories_parent on categories (parent_id);

create table brands (
  id text primary key,
  slug text not null unique,
  name_zh text not null,
  name_en text not null,
  created_at timestamptz not null default now()
);

create table products (
  id text primary key,
  slug text not null unique,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  title_zh text not null,
  title_en text not null,
  description_zh text not null default '',
  description_en text not null default '',
  brand_id text references brands (id),
  category_id text not null references categories (id),
  -- [{ "code": "material", "name": {"zh","en"}, "value": {"zh","en"} }]
  attributes jsonb not null default '[]',
  -- denormalised from variants for listing and sorting; kept by catalog use cases
  min_price_minor bigint not null default 0,
  max_price_minor bigint not null default 0,
  currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
  sales_count int not null default 0,
  rating_avg numeric(3, 2),
  rating_count int not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz
);
create index products_category on products (category_id) where status = 'published';
create index products_brand on products (brand_id) where status = 'published';
create index products_published_at on products (published_at desc) where status = 'published';

-- The axes a shopper picks along (colour, size, capacity), with their values in order.
create table product_options (
  product_id text not null references products (id) on delete cascade,
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  position int not null default 0,
  name_zh text not null,
  name_en text not null,
  -- [{ "code": "black", "zh": "黑色", "en": "Black" }]
  "values" jsonb not null default '[]',
  primary key (product_id, code)
);

create table variants (
  id text primary key,
  product_id text not null references products (id) on delete cascade,
  sku text not null unique,
  -- { "color": "black", "size": "m" }: one value code per option code
  option_values jsonb not null default '{}',
  price_minor bigint not null check (price_minor >= 0 and price_minor <= 100000000),
  compare_at_minor bigint check (compare_at_minor >= 0),
  currency text not null default 'CNY' check (currency ~ '^[A-Z]{3}$'),
  weight_grams int not null default 0 check (weight_grams >= 0),
  position int not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
create index variants_product on variants (product_id);

create table product_media (
  id text primary key,
  product_id text not null references products (id) on delete cascade,
  url text not null,
  alt_zh text not null default '',
  alt_en text not null default '',
  width int not null,
  height int not null,
  position int not null default 0
);
create index product_media_product on product_media (product_id, position);

-- Image bytes generated or uploaded locally, served by /media/:id (re-encoded, nosniff).
create table media_files (
  id text primary key,
  content_type text not null check (content_type in ('image/svg+xml', 'image/png', 'image/jpeg', 'image/webp')),
  bytes bytea not null,
  created_at timestamptz not null default now()
);

-- A consumable category's products are bought again and again (tea, skincare, nappies), so
-- recommendations may offer them again to a shopper who already bought them; everything else is
-- never recommended to someone who owns it. A category counts as consumable when it or any
-- ancestor is marked.
alter table categories add column consumable boolean not null default false;
