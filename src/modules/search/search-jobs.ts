/**
 * Keeps the index fresh: reads product, stock and order events from the outbox and reindexes the
 * products they name, in the same transaction that moves the consumer's cursor.
 */
import type { DomainEvent } from '../../app/events.ts';
import { consumeEvents } from '../../app/events.ts';
import type { Job } from '../../app/jobs.ts';
import { getVariantsForPricing } from '../catalog/index.ts';
import { reindexAllProducts, reindexProducts } from './reindex-products.ts';

export const SEARCH_EVENT_TYPES = [
  'product.created',
  'product.updated',
  'product.published',
  'product.archived',
  'stock.changed',
  'order.paid',
];

/** The product ids an event names: `productId`, `productIds`, or the aggregate of product events. */
export function productIdsOf(event: DomainEvent): string[] {
  const ids = new Set<string>();
  const { productId, productIds } = event.payload;
  if (typeof productId === 'string') ids.add(productId);
  if (Array.isArray(productIds)) for (const id of productIds) if (typeof id === 'string') ids.add(id);
  if (event.type.startsWith('product.')) ids.add(event.aggregateId);
  return [...ids];
}

function variantIdOf(event: DomainEvent): string[] {
  const { variantId } = event.payload;
  return typeof variantId === 'string' ? [variantId] : [];
}

/** Consumes pending events once; returns how many were handled. */
export function reindexFromEvents(sql: Parameters<typeof consumeEvents>[0]): Promise<number> {
  return consumeEvents(sql, 'search-index', SEARCH_EVENT_TYPES, async (events, tx) => {
    const ids = new Set(events.flatMap(productIdsOf));
    // a stock event may name only its variant: ask catalog whose variant it is
    const variantIds = events.filter((e) => !productIdsOf(e).length).flatMap(variantIdOf);
    for (const v of await getVariantsForPricing(tx, variantIds)) ids.add(v.productId);
    await reindexProducts(tx, [...ids]);
  });
}

/**
 * Builds the whole index when it is empty (a fresh install or a freshly seeded shop). Runs after
 * the event cursor exists, so a change made while it runs is still picked up from its event.
 */
export async function buildIndexIfEmpty(sql: Parameters<typeof consumeEvents>[0]): Promise<number> {
  const [row] = await sql<{ empty: boolean }[]>`select not exists (select 1 from search_documents) as empty`;
  if (!row?.empty) return 0;
  return (await reindexAllProducts(sql)).indexed;
}

/** Register in the app's job list: every two seconds, reindex what changed (or everything, once). */
export const searchJobs: Job[] = [
  {
    name: 'search.reindex-changed-products',
    everyMs: 2_000,
    run: async (deps) => (await reindexFromEvents(deps.sql)) + (await buildIndexIfEmpty(deps.sql)),
  },
];
