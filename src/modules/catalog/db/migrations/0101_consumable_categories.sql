-- A consumable category's products are bought again and again (tea, skincare, nappies), so
-- recommendations may offer them again to a shopper who already bought them; everything else is
-- never recommended to someone who owns it. A category counts as consumable when it or any
-- ancestor is marked.
alter table categories add column consumable boolean not null default false;
