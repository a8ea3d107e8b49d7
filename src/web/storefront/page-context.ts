/**
 * Builds the shell's view of a request: display preferences, CSRF token, signed-in state, cart
 * count and the category menu (the category tree is cached for a few seconds, and emptied with
 * the other public caches when a merchant changes the catalogue).
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/http.ts';
import { cartOwnerOf, getCart } from '../../modules/cart/index.ts';
import { type CategoryNode, listCategoryTree } from '../../modules/catalog/index.ts';
import { consentOf } from '../../modules/privacy/index.ts';
import type { NavCategory, PageContext } from '../layout/page-shell.ts';
import { preferencesOf } from '../layout/preferences.ts';
import { DataCache } from './page-cache.ts';

const treeCaches = new WeakMap<AppDeps, DataCache>();

/** The category tree, from the app's cache of storefront reads. */
export function categoryTree(request: FastifyRequest): Promise<CategoryNode[]> {
  const deps = request.server.deps;
  let cache = treeCaches.get(deps);
  if (!cache) {
    cache = new DataCache(deps.caches, 'storefront_category_tree');
    treeCaches.set(deps, cache);
  }
  return cache.get('tree', () => listCategoryTree(deps.sql));
}

function toNav(nodes: CategoryNode[]): NavCategory[] {
  return nodes.map((n) => ({ slug: n.slug, name: n.name }));
}

/** The context for rendering a page for this request. */
export async function pageContextOf(
  request: FastifyRequest,
  extra: { query?: string; currentCategory?: string; path?: string } = {},
): Promise<PageContext> {
  const prefs = preferencesOf(request);
  const session = request.shopperSession;
  const [tree, cart] = await Promise.all([
    categoryTree(request),
    session ? getCart(request.server.deps.sql, cartOwnerOf(session)) : null,
  ]);
  return {
    ...prefs,
    path: request.url,
    publicUrl: request.server.deps.config.publicUrl,
    csrfToken: session?.csrfToken ?? null,
    isSignedIn: Boolean(session?.customerId),
    cartCount: cart?.itemCount ?? 0,
    categories: toNav(tree),
    consent: consentOf(request),
    devOutbox: request.server.deps.config.devOutbox,
    canSendSms: request.server.notifier.canDeliver('sms'),
    canSendEmail: request.server.notifier.canDeliver('email'),
    ...extra,
  };
}
