-- "Newest" sorts by published_at desc nulls last; a desc index puts nulls first, so it could not
-- serve that order and category pages sorted by newest sorted every match instead.
drop index search_documents_newest;
create index search_documents_newest on search_documents (published_at desc nulls last, product_id) where is_published;
drop index search_vectors_newest;
create index search_vectors_newest on search_vectors (published_at desc nulls last, product_id);
