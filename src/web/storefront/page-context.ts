/**
 * Builds the shell's view of a request: display preferences, CSRF token, signed-in state, cart
 * count and the category menu (the category tree is cached for half a minute).
 */
import type { FastifyRequest } from 'fastify';
import { cartOwnerOf, getCart } from '../../modules/cart/index.ts';
import { type CategoryNode, listCategoryTree } from '../../modules/catalog/index.ts';
import { consentOf } from '../../modules/privacy/index.ts';
import type { NavCategory, PageContext } from '../layout/page-shell.ts';
import { preferencesOf } from '../layout/preferences.ts';

const TREE_TTL_MS = 30_000;
let treeCache: { at: number; db: unknown; tree: CategoryNode[] } | null = null;

/** The category tree, re-read at most every 30 seconds (per database). */
export async function categoryTree(request: FastifyRequest): Promise<CategoryNode[]> {
  const db = request.server.deps.sql;
  if (treeCache && treeCache.db === db && Date.now() - treeCache.at < TREE_TTL_MS) return treeCache.tree;
  const tree = await listCategoryTree(db);
  treeCache = { at: Date.now(), db, tree };
  return tree;
}

function toNav(nodes: CategoryNode[]): NavCategory[] {
  return nodes.map((n) => ({ slug: n.slug, name: n.name }));
}

/** The context for rendering a page for this request. */
export async function pageContextOf(
  request: FastifyRequest,
  extra: { query?: string; currentCategory?: string } = {},
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
