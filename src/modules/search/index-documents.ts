/**
 * Writes search documents, vocabulary, type-ahead rows and facet labels for a batch of products
 * in a few set-based statements (the benchmark indexes 100k products through this too).
 */
import { type Db, withTransaction } from '../../app/database.ts';
import {
  FREQUENT_TERM_DOCS,
  lockIndex,
  moveInCube,
  moveInTermCube,
  rebuildCube,
  rebuildTermCube,
} from './facet-cube.ts';
import { buildSearchDocument, type IndexableProduct, isLatinTerm, type LabelRow } from './search-document.ts';

const BATCH = 500;

/** Indexes `products` (published ones become searchable, the others are removed from results). */
export async function indexDocuments(db: Db, products: IndexableProduct[]): Promise<void> {
  for (let i = 0; i < products.length; i += BATCH) {
    const docs = products.slice(i, i + BATCH).map(buildSearchDocument);
    const ids = docs.map((d) => d.productId);
    await withTransaction(db, async (tx) => {
      await lockIndex(tx);
      // labels first: documents refer to brands and categories by their label number
      await upsertLabels(tx, dedupe(docs.flatMap((d) => d.labels)));
      await moveInCube(tx, ids, -1);
      await moveInTermCube(tx, ids, -1);
      await tx`
        insert into search_documents as d
          (product_id, is_published, category_nos, cat1, cat2, cat3, brand_no, price_minor, in_stock,
           sales_count, published_at, indexed_at)
        select x.product_id, x.is_published, n.nos, n.nos[1], n.nos[2], n.nos[3],
               (select l.no from search_labels l where l.id = x.brand_id), x.price_minor, x.in_stock,
               x.sales_count, x.published_at, now()
          from jsonb_to_recordset(${tx.json(
            docs.map((d) => ({
              product_id: d.productId,
              is_published: d.isPublished,
              category_ids: d.categoryIds,
              brand_id: d.brandId,
              price_minor: d.priceMinor,
              in_stock: d.inStock,
              sales_count: d.salesCount,
              published_at: d.publishedAt?.toISOString() ?? null,
            })) as never,
          )}) as x(product_id text, is_published boolean, category_ids text[], brand_id text,
                   price_minor bigint, in_stock boolean, sales_count int, published_at timestamptz)
          cross join lateral (
            select coalesce(array_agg(l.no order by u.ord), '{}') as nos
              from unnest(x.category_ids) with ordinality as u(id, ord)
              join search_labels l on l.id = u.id) n
        on conflict (product_id) do update set
          is_published = excluded.is_published, category_nos = excluded.category_nos, cat1 = excluded.cat1,
          cat2 = excluded.cat2, cat3 = excluded.cat3, brand_no = excluded.brand_no,
          price_minor = excluded.price_minor, in_stock = excluded.in_stock, sales_count = excluded.sales_count,
          published_at = excluded.published_at, indexed_at = now()`;
      await moveInCube(tx, ids, 1);
      const hidden = docs.filter((d) => !d.isPublished).map((d) => d.productId);
      if (hidden.length) await tx`delete from search_vectors where product_id = any(${hidden}::text[])`;
      const shown = docs.filter((d) => d.isPublished);
      if (shown.length) {
        await tx`
          insert into search_vectors as v
            (product_id, tsv, category_nos, cat1, cat2, cat3, brand_no, price_minor, in_stock, sales_count, published_at)
          select d.product_id, x.tsv, d.category_nos, d.cat1, d.cat2, d.cat3, d.brand_no, d.price_minor, d.in_stock,
                 d.sales_count, d.published_at
            from jsonb_to_recordset(${tx.json(shown.map((d) => ({ product_id: d.productId, tsv: d.tsv })) as never)})
                 as x(product_id text, tsv tsvector)
            join search_documents d on d.product_id = x.product_id
          on conflict (product_id) do update set
            tsv = excluded.tsv, category_nos = excluded.category_nos, cat1 = excluded.cat1, cat2 = excluded.cat2,
            cat3 = excluded.cat3, brand_no = excluded.brand_no, price_minor = excluded.price_minor,
            in_stock = excluded.in_stock, sales_count = excluded.sales_count, published_at = excluded.published_at`;
      }
      await moveInTermCube(tx, ids, 1);
      const terms = [...new Set(docs.flatMap((d) => d.terms))];
      if (terms.length) {
        const latin = terms.map(isLatinTerm);
        await tx`
          insert into search_terms (term, is_latin)
          select * from jsonb_to_recordset(${tx.json(terms.map((term, i) => ({ term, is_latin: latin[i] })) as never)})
            as x(term text, is_latin boolean)
          on conflict (term) do nothing`;
      }
      await tx`delete from search_suggestions where kind = 'product' and target_id = any(${ids}::text[])`;
      const suggestions = dedupe(docs.flatMap((d) => d.suggestions));
      if (suggestions.length) {
        await tx`
          insert into search_suggestions (id, kind, target_id, label, keys, weight)
          select x.id, x.kind, x.target_id, x.label, x.keys::tsvector, x.weight
            from jsonb_to_recordset(${tx.json(
              suggestions.map((s) => ({
                id: s.id,
                kind: s.kind,
                target_id: s.targetId,
                label: s.label,
                keys: s.keys,
                weight: s.weight,
              })) as never,
            )}) as x(id text, kind text, target_id text, label text, keys text, weight int)
          on conflict (id) do update set label = excluded.label, keys = excluded.keys, weight = excluded.weight`;
      }
    });
  }
}

async function upsertLabels(tx: Db, labels: LabelRow[]): Promise<void> {
  if (!labels.length) return;
  await tx`
    insert into search_labels (id, kind, slug, parent_id, name_zh, name_en)
    select x.id, x.kind, x.slug, x.parent_id, x.name_zh, x.name_en
      from jsonb_to_recordset(${tx.json(
        labels.map((l) => ({
          id: l.id,
          kind: l.kind,
          slug: l.slug,
          parent_id: l.parentId,
          name_zh: l.nameZh,
          name_en: l.nameEn,
        })) as never,
      )}) as x(id text, kind text, slug text, parent_id text, name_zh text, name_en text)
    on conflict (id) do update set slug = excluded.slug, parent_id = excluded.parent_id,
      name_zh = excluded.name_zh, name_en = excluded.name_en
    where (search_labels.slug, search_labels.parent_id, search_labels.name_zh, search_labels.name_en)
          is distinct from (excluded.slug, excluded.parent_id, excluded.name_zh, excluded.name_en)`;
}

/** Removes documents of products that no longer exist (catalog hard-deleted them). */
export async function removeDocuments(db: Db, productIds: string[]): Promise<void> {
  if (!productIds.length) return;
  await withTransaction(db, async (tx) => {
    await lockIndex(tx);
    await moveInCube(tx, productIds, -1);
    await moveInTermCube(tx, productIds, -1);
    await tx`delete from search_documents where product_id = any(${productIds}::text[])`;
    await tx`delete from search_suggestions where kind = 'product' and target_id = any(${productIds}::text[])`;
  });
}

/** Rebuilds the facet cube from the documents (after a full reindex). */
export function rebuildFacetCube(db: Db): Promise<void> {
  return withTransaction(db, async (tx) => {
    await lockIndex(tx);
    await rebuildCube(tx);
  });
}

/**
 * Recounts how many published documents hold each term, drops terms no document holds, marks
 * the frequent ones and rebuilds their facet cube.
 */
export async function recountTerms(db: Db): Promise<void> {
  await withTransaction(db, async (tx) => {
    await lockIndex(tx);
    await tx`
      create temporary table fresh_terms on commit drop as
      select word as term, ndoc as doc_count
        from ts_stat('select tsv from search_vectors')`;
    await tx`delete from search_terms t where not exists (select 1 from fresh_terms f where f.term = t.term)`;
    await tx`update search_terms t set doc_count = f.doc_count, is_frequent = f.doc_count >= ${FREQUENT_TERM_DOCS}
              from fresh_terms f where f.term = t.term`;
    await rebuildTermCube(tx);
  });
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}
