/**
 * Loads recommendation placements for storefront pages. A shelf is an extra: any failure is
 * logged and the page renders without it. Pages start these loads beside their other reads.
 */
import type { FastifyRequest } from 'fastify';
import {
  type PlacementAsk,
  type ServedPlacement,
  servePlacement,
  shopperKeyOf,
} from '../../modules/recommendations/index.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { SHELF_SIZE } from './components/recommendation-shelf.ts';

/** The placement for this request's visitor in the page's language, or null when it failed. */
export async function loadShelf(
  request: FastifyRequest,
  ask: Omit<PlacementAsk, 'locale' | 'limit'> & { limit?: number },
): Promise<ServedPlacement | null> {
  const locale = preferencesOf(request).locale === 'en' ? 'en' : 'zh';
  try {
    return await servePlacement(request.server.deps.sql, shopperKeyOf(request), {
      limit: SHELF_SIZE,
      ...ask,
      locale,
    });
  } catch (error) {
    request.log.warn({ err: error, placement: ask.placement }, 'recommendation shelf left out');
    return null;
  }
}

/**
 * True when this visitor may get a personal answer: only visitors with a shopper key (set once
 * they allowed personalisation or analytics) have events to personalise with.
 */
export function mayBePersonal(request: FastifyRequest): boolean {
  return shopperKeyOf(request) !== null;
}

/**
 * True when any shelf is this visitor's own: shaped by their events, or their arm of an
 * experiment. A page holding one must never be served to anyone else from a shared cache.
 */
export function anyVisitorSpecific(shelves: readonly (ServedPlacement | null | undefined)[]): boolean {
  return shelves.some((s) => s != null && (s.personal || s.experimentId !== null));
}

/** Runs `load` once, on first call, and hands every caller the same promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => {
    started ??= load();
    return started;
  };
}
