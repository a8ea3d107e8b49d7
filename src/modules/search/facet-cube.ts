/**
 * The facet cube (see migration 0704): counts of published documents per category path, brand,
 * price bucket and stock. Indexing moves documents in and out of it inside its transaction.
 */
import type { Db } from '../../app/database.ts';

/** Price facet buckets in minor units (fen): under 50, 50–100, 100–300, 300–1000, 1000–3000, 3000+ yuan. */
export const PRICE_BUCKETS: [number, number | null][] = [
  [0, 5_000],
  [5_000, 10_000],
  [10_000, 30_000],
  [30_000, 100_000],
  [100_000, 300_000],
  [300_000, null],
];

/** SQL numbering a price into PRICE_BUCKETS from 0; a literal, so GROUPING() sees one expression. */
export function priceBucketSql(column: string): string {
  return `width_bucket(${column}, array[${PRICE_BUCKETS.slice(1)
    .map(([lo]) => lo)
    .join(',')}]::bigint[])`;
}

/** Serialises index writers, so the cube's subtract-then-add never interleaves. */
const INDEX_LOCK = 7_260_700;

/** Takes the index write lock for the caller's transaction. */
export async function lockIndex(tx: Db): Promise<void> {
  await tx`select pg_advisory_xact_lock(${INDEX_LOCK})`;
}

/** Adds (`sign` 1) or removes (-1) the published documents of `productIds` to or from the cube. */
export async function moveInCube(tx: Db, productIds: string[], sign: 1 | -1): Promise<void> {
  if (!productIds.length) return;
  await tx`
    insert into search_facet_cube as c (cat1, cat2, cat3, brand_no, bucket, in_stock, n)
    select d.cat1, d.cat2, d.cat3, d.brand_no, ${tx.unsafe(priceBucketSql('d.price_minor'))}, d.in_stock,
           ${sign}::int * count(*)::int
      from search_documents d
     where d.product_id = any(${productIds}::text[]) and d.is_published
     group by 1, 2, 3, 4, 5, 6
    on conflict on constraint search_facet_cube_key do update set n = c.n + excluded.n`;
}

/** Rebuilds the cube from every document (after a full reindex). */
export async function rebuildCube(tx: Db): Promise<void> {
  await tx`delete from search_facet_cube`;
  await tx`
    insert into search_facet_cube (cat1, cat2, cat3, brand_no, bucket, in_stock, n)
    select d.cat1, d.cat2, d.cat3, d.brand_no, ${tx.unsafe(priceBucketSql('d.price_minor'))}, d.in_stock, count(*)::int
      from search_documents d where d.is_published
     group by 1, 2, 3, 4, 5, 6`;
}

/** A term in at least this many published documents gets cube rows of its own. */
export const FREQUENT_TERM_DOCS = 2_000;

/** Adds or removes the frequent-term cube rows of the vectors of `productIds`. */
export async function moveInTermCube(tx: Db, productIds: string[], sign: 1 | -1): Promise<void> {
  if (!productIds.length) return;
  await tx`
    insert into search_term_cube as c (term, cat1, cat2, cat3, brand_no, bucket, in_stock, n)
    select t.term, v.cat1, v.cat2, v.cat3, v.brand_no, ${tx.unsafe(priceBucketSql('v.price_minor'))}, v.in_stock,
           ${sign}::int * count(*)::int
      from search_vectors v
      cross join unnest(tsvector_to_array(v.tsv)) as t(term)
      join search_terms st on st.term = t.term and st.is_frequent
     where v.product_id = any(${productIds}::text[])
     group by 1, 2, 3, 4, 5, 6, 7
    on conflict on constraint search_term_cube_key do update set n = c.n + excluded.n`;
}

/** Rebuilds the per-term cube for every frequent term (after the vocabulary is recounted). */
export async function rebuildTermCube(tx: Db): Promise<void> {
  await tx`delete from search_term_cube`;
  await tx`
    insert into search_term_cube (term, cat1, cat2, cat3, brand_no, bucket, in_stock, n)
    select st.term, v.cat1, v.cat2, v.cat3, v.brand_no, ${tx.unsafe(priceBucketSql('v.price_minor'))}, v.in_stock,
           count(*)::int
      from search_terms st
      join search_vectors v on v.tsv @@ (quote_literal(st.term))::tsquery
     where st.is_frequent
     group by 1, 2, 3, 4, 5, 6, 7`;
}
