/**
 * Rebuilds search documents from catalog's indexing view (`getProductsForIndexing`): for some
 * products after they change, or for all of them (first start, after a bulk import).
 */
import type { Db } from '../../app/database.ts';
import { getProductsForIndexing } from '../catalog/index.ts';
import { indexDocuments, rebuildFacetCube, recountTerms, removeDocuments } from './index-documents.ts';

/** Reindexes `productIds`; ids catalog no longer knows are removed from the index. */
export async function reindexProducts(db: Db, productIds: string[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (!ids.length) return;
  const products = await getProductsForIndexing(db, ids);
  await indexDocuments(db, products);
  const found = new Set(products.map((p) => p.id));
  await removeDocuments(
    db,
    ids.filter((id) => !found.has(id)),
  );
}

/** Reindexes every product, drops documents of deleted products and recounts the vocabulary. */
export async function reindexAllProducts(db: Db): Promise<{ indexed: number }> {
  const products = await getProductsForIndexing(db);
  await indexDocuments(db, products);
  const ids = products.map((p) => p.id);
  await db`delete from search_documents where product_id <> all(${ids}::text[])`;
  await db`delete from search_suggestions where kind = 'product' and target_id <> all(${ids}::text[])`;
  await rebuildFacetCube(db);
  await recountTerms(db);
  return { indexed: products.length };
}
