-- Data only. Orders placed through the storefront before order placement normalised its input kept
-- the email and phone as typed, so an export or erasure request (which matches guest orders by the
-- stored, normalised email and phone) missed them. Bring them to the stored form: the email trimmed
-- and lower-cased, the phone without spaces, dashes or brackets, a mainland mobile written with
-- +86 or 0086 reduced to its 11 digits (identity's normaliseEmail / normalisePhone).
update orders set email = lower(btrim(email)) where email <> lower(btrim(email));

update orders
   set phone = regexp_replace(regexp_replace(phone, '[[:space:]()-]', '', 'g'), '^(\+86|0086)(1[0-9]{10})$', '\2')
 where phone <> regexp_replace(regexp_replace(phone, '[[:space:]()-]', '', 'g'), '^(\+86|0086)(1[0-9]{10})$', '\2');
