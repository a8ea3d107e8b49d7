-- Carts belong to a customer or, for guests, to a session. Lines hold only variant and
-- quantity: prices are recomputed from the catalog every time a cart is read.
create table carts (
  id text primary key,
  customer_id text references customers (id) on delete cascade,
  session_token_hash text,
  currency text not null default 'CNY',
  status text not null default 'active' check (status in ('active', 'ordered', 'merged')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (customer_id is not null or session_token_hash is not null)
);
create unique index carts_active_customer on carts (customer_id) where status = 'active' and customer_id is not null;
create unique index carts_active_session on carts (session_token_hash) where status = 'active' and customer_id is null;

create table cart_lines (
  cart_id text not null references carts (id) on delete cascade,
  variant_id text not null references variants (id),
  quantity int not null check (quantity between 1 and 99),
  added_at timestamptz not null default now(),
  primary key (cart_id, variant_id)
);

-- Adding to a cart in one statement (one round trip, its own transaction), with the same
-- guarantees as the explicit transaction it replaces (decision 0016, second round):
-- * the owner's active cart is locked (created when missing) before anything is read;
-- * every later statement here is VOLATILE plpgsql, so in READ COMMITTED each takes a fresh
--   snapshot once the lock is held and sees every line a previous holder committed (a single
--   data-modifying CTE could not: its one snapshot predates the wait for the lock);
-- * a refusal raises SQLSTATE 'LC409' with the error code as message and the stock available as
--   detail, which rolls the whole statement back (a cart created on the way included).
-- The catalog facts of the variant (exists, purchasable, currency) are judged by the caller, which
-- passes them in so the refusals come in the same order as before: line limit, variant, 99, stock.
create function cart_add_item(
  p_customer_id text,
  p_session_token_hash text,
  p_new_cart_id text,
  p_new_cart_currency text,
  p_variant_id text,
  p_quantity int,
  p_variant_currency text, -- null: catalog does not know the variant
  p_variant_is_purchasable boolean,
  p_max_line_quantity int,
  p_max_lines int
)
returns table (cart_id text, currency text, variant_id text, quantity int, available int)
language plpgsql volatile as $$
#variable_conflict use_column
declare
  v_cart_id text;
  v_currency text;
  v_existing int;
  v_line_count int;
  v_quantity int;
  v_available int;
begin
  for attempt in 1..2 loop
    if p_customer_id is not null then
      select c.id, c.currency into v_cart_id, v_currency from carts c
       where c.customer_id = p_customer_id and c.status = 'active' for update;
    else
      select c.id, c.currency into v_cart_id, v_currency from carts c
       where c.session_token_hash = p_session_token_hash and c.customer_id is null
         and c.status = 'active' for update;
    end if;
    exit when v_cart_id is not null or attempt = 2;
    -- A concurrent add may create the same cart: the partial unique indexes decide, we re-read.
    insert into carts (id, customer_id, session_token_hash, currency)
    values (p_new_cart_id, p_customer_id, p_session_token_hash, p_new_cart_currency)
    on conflict do nothing;
  end loop;
  if v_cart_id is null then
    raise exception 'cart could not be created';
  end if;

  select count(*)::int, max(l.quantity) filter (where l.variant_id = p_variant_id)
    into v_line_count, v_existing
    from cart_lines l where l.cart_id = v_cart_id;
  if v_existing is null and v_line_count >= p_max_lines then
    raise exception using errcode = 'LC409', message = 'cart_line_limit';
  end if;
  if p_variant_currency is null then
    raise exception using errcode = 'LC409', message = 'variant_not_found';
  end if;
  if not p_variant_is_purchasable or p_variant_currency <> v_currency then
    raise exception using errcode = 'LC409', message = 'variant_unavailable';
  end if;
  v_quantity := coalesce(v_existing, 0) + p_quantity;
  if v_quantity > p_max_line_quantity then
    raise exception using errcode = 'LC409', message = 'line_quantity_limit';
  end if;
  select coalesce(sum(s.available), 0)::int into v_available
    from inventory_available_stock(array[p_variant_id]) s;
  if v_quantity > v_available then
    raise exception using errcode = 'LC409', message = 'insufficient_stock', detail = v_available::text;
  end if;

  insert into cart_lines (cart_id, variant_id, quantity) values (v_cart_id, p_variant_id, v_quantity)
  on conflict (cart_id, variant_id) do update set quantity = excluded.quantity;
  update carts set updated_at = now() where id = v_cart_id;

  return query
    select v_cart_id, v_currency, l.variant_id, l.quantity, coalesce(s.available, 0)
      from cart_lines l
      left join inventory_available_stock(array(select x.variant_id from cart_lines x where x.cart_id = v_cart_id)) s
        on s.variant_id = l.variant_id
     where l.cart_id = v_cart_id
     order by l.added_at, l.variant_id;
end
$$;
