/**
 * A plausible shopping history for the demo shop, so recommendations mean something on first
 * start: pseudonymous visitors (with personalisation and analytics consent) whose sessions focus
 * on one or two categories, search, view, add to cart and buy. Popularity follows the catalogue's
 * sales counts (a long tail), a few products are rising, and purchases pair complementary
 * categories (a phone with a charger, a laptop with a mouse). Pure and deterministic (seeded PRNG).
 */
import { CATALOG } from './demo-catalog.ts';
import type { DemoRows } from './demo-products.ts';
import { createPrng, type Prng } from './prng.ts';

const DAY_MS = 86_400_000;
/** How far back the history goes. */
export const DEMO_HISTORY_DAYS = 60;
const VISITORS = 300;

/**
 * What each leaf category is bought with (same session). Brands are shared within a top category,
 * so a same-brand complement (a StarRiver phone and a StarRiver charger) is preferred.
 */
const COMPLEMENTS: Record<string, string[]> = {
  phones: ['chargers', 'headphones'],
  smartwatches: ['chargers'],
  headphones: ['chargers'],
  laptops: ['keyboards-mice', 'monitors', 'backpacks'],
  monitors: ['keyboards-mice'],
  dresses: ['casual-shoes', 'tops'],
  tops: ['dresses'],
  tshirts: ['jackets', 'sneakers'],
  jackets: ['tshirts'],
  sneakers: ['tshirts', 'fitness'],
  fitness: ['sneakers'],
  suitcases: ['backpacks'],
  camping: ['backpacks'],
  skincare: ['makeup'],
  makeup: ['skincare'],
  tea: ['drinkware', 'snacks'],
  coffee: ['drinkware', 'snacks'],
  'kitchen-appliances': ['drinkware'],
  bedding: ['household-appliances'],
  toys: ['baby-care'],
  'baby-care': ['toys'],
  books: ['stationery'],
  stationery: ['books'],
};

/** One `shopper_keys` row (anonymous visitor, consent on). */
export interface DemoShopperKey {
  key: string;
  created_at: string;
}

/** One `behaviour_events` row; consent flags are both true for every demo visitor. */
export interface DemoBehaviourEvent {
  shopper_key: string;
  kind: 'product_view' | 'search' | 'add_to_cart' | 'purchase';
  product_id: string | null;
  query: string | null;
  occurred_at: string;
}

/** The demo history: visitors and their events, oldest event first. */
export interface DemoBehaviour {
  shopperKeys: DemoShopperKey[];
  events: DemoBehaviourEvent[];
}

interface DemoProduct {
  id: string;
  leaf: string;
  brandId: string;
  publishedAt: number;
  weight: number;
  rising: boolean;
}

interface Leaf {
  slug: string;
  products: DemoProduct[];
  queries: string[];
  weight: number;
}

/** Builds the history for the catalogue in `rows`; times count back from `now`, all else is fixed. */
export function buildDemoBehaviour(rows: DemoRows, now = Date.now(), seed = 20260301): DemoBehaviour {
  const rng = createPrng(seed);
  const leaves = leavesOf(rows, rng);
  const leafList = [...leaves.values()].filter((l) => l.products.length > 0);
  const shopperKeys: DemoShopperKey[] = [];
  const events: DemoBehaviourEvent[] = [];
  for (let v = 0; v < VISITORS; v++) {
    const key = demoKey(rng);
    const interests = pickInterests(rng, leafList);
    // Visitors arrive over the whole period; each visits again more often lately (a recency trend).
    const sessions = Math.min(16, 2 + Math.floor(-Math.log(1 - rng.next()) * 5));
    const firstDaysAgo = Math.max(0.5, DEMO_HISTORY_DAYS * rng.next() ** 0.7);
    const starts = Array.from({ length: sessions }, (_, s) =>
      s === 0 ? firstDaysAgo : 0.05 + (firstDaysAgo - 0.05) * rng.next() ** 1.4,
    )
      .map((daysAgo) => now - daysAgo * DAY_MS)
      .sort((a, b) => a - b);
    shopperKeys.push({ key, created_at: new Date(starts[0]! - 60_000).toISOString() });
    let free = starts[0]!;
    for (const start of starts) {
      if (Math.max(start, free) > now - 3_600_000) break;
      // Sessions never overlap: a later one starts after the previous one ended.
      const session = buildSession(rng, { key, at: Math.max(start, free + 600_000), interests, leaves, now });
      events.push(...session.events);
      free = session.endsAt;
    }
  }
  events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
  return { shopperKeys, events };
}

/** Published products grouped by leaf category, with a long-tail popularity weight each. */
function leavesOf(rows: DemoRows, rng: Prng): Map<string, Leaf> {
  const slugOf = new Map<string, string>();
  for (const c of rows.categories) if (c.parent_id) slugOf.set(String(c.id), String(c.slug));
  const kinds = new Map(CATALOG.flatMap((top) => top.leaves.map((l) => [l.slug, l] as const)));
  const leaves = new Map<string, Leaf>();
  for (const p of rows.products) {
    if (p.status !== 'published') continue;
    const slug = slugOf.get(String(p.category_id));
    if (!slug) continue;
    let leaf = leaves.get(slug);
    if (!leaf) {
      const spec = kinds.get(slug);
      const queries = spec
        ? [spec.zh, ...spec.kinds.map((k) => k.zh), ...spec.kinds.map((k) => k.en.toLowerCase())]
        : [slug];
      // Some categories draw far more visitors than others.
      const weight = ['phones', 'headphones', 'dresses', 'sneakers', 'skincare', 'snacks'].includes(slug)
        ? 3
        : 0.6 + rng.next() * 1.4;
      leaf = { slug, products: [], queries, weight };
      leaves.set(slug, leaf);
    }
    leaf.products.push({
      id: String(p.id),
      leaf: slug,
      brandId: String(p.brand_id),
      publishedAt: Date.parse(String(p.published_at)),
      // Sales counts are exponential in the catalogue; a power below one keeps the tail long but alive.
      weight: (Number(p.sales_count) + 5) ** 0.7,
      rising: rng.chance(0.08),
    });
  }
  return leaves;
}

/** A visitor's one or two favourite categories (sometimes a complementary pair). */
function pickInterests(rng: Prng, leaves: readonly Leaf[]): Leaf[] {
  const first = weightedPick(
    rng,
    leaves,
    leaves.map((l) => l.weight),
  )!;
  if (rng.chance(0.45)) return [first];
  const partners = (COMPLEMENTS[first.slug] ?? []).flatMap((slug) => leaves.filter((l) => l.slug === slug));
  const second =
    partners.length && rng.chance(0.5)
      ? rng.pick(partners)
      : weightedPick(
          rng,
          leaves,
          leaves.map((l) => (l === first ? 0 : l.weight)),
        )!;
  return [first, second];
}

interface SessionContext {
  key: string;
  at: number;
  interests: Leaf[];
  leaves: Map<string, Leaf>;
  now: number;
}

/** One visit: maybe a search, views in the focus categories, maybe a cart and a purchase. */
function buildSession(rng: Prng, ctx: SessionContext): { events: DemoBehaviourEvent[]; endsAt: number } {
  const events: DemoBehaviourEvent[] = [];
  let at = ctx.at;
  const push = (kind: DemoBehaviourEvent['kind'], productId: string | null, query: string | null = null) => {
    events.push({
      shopper_key: ctx.key,
      kind,
      product_id: productId,
      query,
      occurred_at: new Date(at).toISOString(),
    });
    at += rng.int(15, 150) * 1000;
  };
  const focus = ctx.interests.length > 1 && rng.chance(0.35) ? ctx.interests : [rng.pick(ctx.interests)];
  const viewed: DemoProduct[] = [];
  for (const leaf of focus) {
    if (rng.chance(0.4)) push('search', null, rng.pick(leaf.queries));
    const views = rng.int(2, 7);
    for (let i = 0; i < views; i++) {
      const product = pickProduct(rng, leaf.products, at, ctx.now);
      if (!product) break;
      push('product_view', product.id);
      viewed.push(product);
      // Shoppers go back to a product they liked before deciding.
      if (rng.chance(0.15)) push('product_view', product.id);
    }
  }
  if (viewed.length === 0 || !rng.chance(0.35)) return { events, endsAt: at };
  // The most viewed-and-popular candidate goes to the cart.
  const chosen = viewed.reduce((a, b) => (b.weight > a.weight && rng.chance(0.5) ? b : a));
  push('add_to_cart', chosen.id);
  const basket = [chosen];
  const complement = complementOf(rng, chosen, ctx.leaves, at);
  if (complement && rng.chance(0.65)) {
    push('product_view', complement.id);
    push('add_to_cart', complement.id);
    basket.push(complement);
  }
  if (rng.chance(0.6)) for (const product of basket) push('purchase', product.id);
  return { events, endsAt: at };
}

/** A product from a complementary category, preferring the same brand. */
function complementOf(
  rng: Prng,
  product: DemoProduct,
  leaves: Map<string, Leaf>,
  at: number,
): DemoProduct | undefined {
  const slugs = COMPLEMENTS[product.leaf];
  if (!slugs?.length) return undefined;
  const leaf = leaves.get(rng.pick(slugs));
  if (!leaf) return undefined;
  const candidates = leaf.products.filter((p) => p.publishedAt <= at);
  const weights = candidates.map((p) => p.weight * (p.brandId === product.brandId ? 4 : 1));
  return weightedPick(rng, candidates, weights);
}

/** A product published by `at`, by popularity; rising products gain weight towards `now`. */
function pickProduct(
  rng: Prng,
  products: readonly DemoProduct[],
  at: number,
  now: number,
): DemoProduct | undefined {
  const recency = 1 - Math.min(1, (now - at) / (DEMO_HISTORY_DAYS * DAY_MS));
  const weights = products.map((p) =>
    p.publishedAt > at ? 0 : p.weight * (p.rising ? 1 + 12 * recency * recency : 1),
  );
  return weightedPick(rng, products, weights);
}

function weightedPick<T>(rng: Prng, items: readonly T[], weights: readonly number[]): T | undefined {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) return undefined;
  let roll = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i]!;
    if (roll < 0 && weights[i]! > 0) return items[i];
  }
  return items.findLast((_, i) => weights[i]! > 0);
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A well-formed shopper key (`vk_` + 22 base64url letters), recognisable by its `demo` start. */
function demoKey(rng: Prng): string {
  let out = 'demo';
  for (let i = 0; i < 18; i++) out += KEY_ALPHABET[rng.int(0, 63)];
  return `vk_${out}`;
}
