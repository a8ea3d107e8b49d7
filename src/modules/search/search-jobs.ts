/**
 * Keeps the index fresh: an outbox consumer reads product, stock and order events and reindexes
 * the products they name, in the same transaction that moves it on; a job builds the whole index
 * when it is empty.
 */
import type { Db, Sql } from '../../app/database.ts';
import { consumeEvents, defineEventConsumer, startEventConsumer } from '../../app/event-consumers.ts';
import type { DomainEvent } from '../../app/events.ts';
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
] as const;

type SearchEvent = DomainEvent<(typeof SEARCH_EVENT_TYPES)[number]>;

/** The product ids an event names; a stock event without `productId` names none (see its variant). */
export function productIdsOf(event: SearchEvent): string[] {
  switch (event.type) {
    case 'order.paid':
      return [...new Set(event.payload.productIds)];
    case 'stock.changed':
      return event.payload.productId ? [event.payload.productId] : [];
    default:
      return [...new Set([event.payload.productId, event.aggregateId])];
  }
}

/** Reindexes the products named by product, stock and order events, every 2 s. */
export const searchIndexConsumer = defineEventConsumer({
  name: 'search-index',
  types: SEARCH_EVENT_TYPES,
  everyMs: 2_000,
  async handle(events, tx) {
    const ids = new Set(events.flatMap(productIdsOf));
    // a stock event may name only its variant: ask catalog whose variant it is
    const variantIds = events.flatMap((e) =>
      e.type === 'stock.changed' && !e.payload.productId ? [e.payload.variantId] : [],
    );
    for (const v of await getVariantsForPricing(tx, variantIds)) ids.add(v.productId);
    await reindexProducts(tx, [...ids]);
  },
});

/** One run of the index consumer; returns how many events it handled. */
export async function reindexFromEvents(sql: Sql): Promise<number> {
  return (await consumeEvents(sql, searchIndexConsumer)).handled;
}

/**
 * Builds the whole index when it is empty (a fresh install or a freshly seeded shop). The
 * consumer's position is set first, so a change made while this runs is still picked up from its
 * event.
 */
export async function buildIndexIfEmpty(sql: Db): Promise<number> {
  const [row] = await sql<{ empty: boolean }[]>`select not exists (select 1 from search_documents) as empty`;
  if (!row?.empty) return 0;
  await startEventConsumer(sql, searchIndexConsumer.name);
  return (await reindexAllProducts(sql)).indexed;
}

/** Register in the module's jobs: every two seconds, build the index if it is empty. */
export const searchJobs: Job[] = [
  { name: 'search.build-index-if-empty', everyMs: 2_000, run: (deps) => buildIndexIfEmpty(deps.sql) },
];
