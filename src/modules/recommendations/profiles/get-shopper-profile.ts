/**
 * A shopper's profile, derived on request (never stored) from their personalisation-consented
 * events joined with the catalogue: favourite categories and brands, price bands, recency and
 * frequency. Categories are the products' own (leaf) categories: the level the models and the
 * visit boost use, specific enough to mean something ("Headphones", not "Electronics"), and a
 * removal covers everything below the removed category anyway.
 */
import type { Db } from '../../../app/database.ts';
import { getProductFacts } from '../../catalog/index.ts';
import {
  type Bilingual,
  FREQUENCY_SEGMENTS,
  FREQUENCY_WINDOW_DAYS,
  HALF_LIFE_DAYS,
  type InterestEvidence,
  type InterestTag,
  KIND_WEIGHTS,
  MAX_BANDS,
  MIN_BAND_SHARE,
  MIN_TAG_SCORE,
  PROFILE_KINDS,
  priceBandOf,
  RECENCY_SEGMENTS,
  type RemovedInterest,
  segmentOf,
  TOP_TAGS,
} from './interest-tags.ts';
import { listRemovedInterests } from './list-removed-interests.ts';

/**
 * The profile: tags strongest first per kind (removed ones still derived from events carry
 * `removed: true` and do not take an active tag's place) and, separately, every removal.
 */
export interface ShopperProfile {
  /** False when the shopper has personalisation off: then `tags` is empty. */
  personalisation: boolean;
  tags: InterestTag[];
  removed: RemovedInterest[];
}

interface ProductStat {
  categoryId: string;
  category: Bilingual;
  brandId: string | null;
  brand: Bilingual | null;
  priceMinor: number;
  score: number;
  evidence: Required<Pick<InterestEvidence, 'views' | 'clicks' | 'favourites' | 'carts' | 'purchases'>>;
}

/** The profile of `shopperKey`; empty tags without personalisation consent or consented events. */
export async function getShopperProfile(
  db: Db,
  shopperKey: string,
  now: Date = new Date(),
): Promise<ShopperProfile> {
  const [consent] = await db<{ personalisation: boolean }[]>`
    select personalisation from shopper_keys where key = ${shopperKey}`;
  const removed = await listRemovedInterests(db, shopperKey);
  if (!consent?.personalisation) return { personalisation: false, tags: [], removed };
  const [products, activity] = await Promise.all([
    productStats(db, shopperKey, now),
    activityOf(db, shopperKey, now),
  ]);
  const removedKeys = new Set(removed.map((r) => `${r.kind}:${r.value}`));
  const tags = [
    ...rankTags('category', products, removedKeys, (p) => [p.categoryId, p.category]),
    ...rankTags('brand', products, removedKeys, (p) => (p.brandId && p.brand ? [p.brandId, p.brand] : null)),
    ...priceBandTags(products, removedKeys),
  ];
  for (const tag of tags) {
    tag.score = Math.round(tag.score * 100) / 100;
    tag.share = Math.round(tag.share * 100) / 100;
  }
  if (activity) tags.push(...activityTags(activity));
  return { personalisation: true, tags, removed };
}

/** One row per product the shopper interacted with: its catalogue facts and the decayed weight. */
async function productStats(db: Db, shopperKey: string, now: Date): Promise<ProductStat[]> {
  const rows = await db<
    {
      product_id: string;
      score: number;
      views: number;
      clicks: number;
      favourites: number;
      carts: number;
      purchases: number;
    }[]
  >`
    select e.product_id,
           sum(w.weight * power(0.5::float8, greatest(0, extract(epoch from ${now}::timestamptz - e.occurred_at)::float8)
                                    / 86400 / ${HALF_LIFE_DAYS}::float8))::float8 as score,
           count(*) filter (where e.kind = 'product_view')::int as views,
           count(*) filter (where e.kind = 'rec_click')::int as clicks,
           count(*) filter (where e.kind = 'favourite')::int as favourites,
           count(*) filter (where e.kind = 'add_to_cart')::int as carts,
           count(*) filter (where e.kind = 'purchase')::int as purchases
      from behaviour_events e
      join unnest(${KIND_WEIGHTS.kinds}::text[], ${KIND_WEIGHTS.weights}::float8[]) w(kind, weight)
        on w.kind = e.kind
     where e.shopper_key = ${shopperKey} and e.for_personalisation and e.product_id is not null
     group by e.product_id`;
  // Products catalog no longer knows drop out, as they did from a join.
  const facts = new Map(
    (
      await getProductFacts(
        db,
        rows.map((r) => r.product_id),
      )
    ).map((p) => [p.productId, p]),
  );
  return rows.flatMap((r) => {
    const p = facts.get(r.product_id);
    if (!p) return [];
    return {
      categoryId: p.categoryId,
      category: p.category,
      brandId: p.brandId,
      brand: p.brand,
      priceMinor: p.minPriceMinor,
      score: r.score,
      evidence: {
        views: r.views,
        clicks: r.clicks,
        favourites: r.favourites,
        carts: r.carts,
        purchases: r.purchases,
      },
    };
  });
}

/**
 * The strongest `TOP_TAGS` values of one kind above `MIN_TAG_SCORE` that are not removed (ties by
 * value, as the admin's count does), then the removed ones above the threshold.
 */
function rankTags(
  kind: 'category' | 'brand',
  products: readonly ProductStat[],
  removedKeys: ReadonlySet<string>,
  keyOf: (p: ProductStat) => [string, Bilingual] | null,
): InterestTag[] {
  const byValue = new Map<string, InterestTag>();
  let total = 0;
  for (const p of products) {
    const key = keyOf(p);
    if (!key) continue;
    total += p.score;
    const tag = byValue.get(key[0]) ?? newTag(kind, key[0], key[1]);
    addEvidence(tag, p);
    byValue.set(key[0], tag);
  }
  const ranked = finish([...byValue.values()], total, removedKeys).filter((t) => t.score >= MIN_TAG_SCORE);
  return keepActive(ranked, TOP_TAGS);
}

/** The first `max` active tags, then every removed one. */
function keepActive(ranked: InterestTag[], max: number): InterestTag[] {
  return [...ranked.filter((t) => !t.removed).slice(0, max), ...ranked.filter((t) => t.removed)];
}

/** Bands holding at least `MIN_BAND_SHARE` of the shopper's weight, at most `MAX_BANDS`. */
function priceBandTags(products: readonly ProductStat[], removedKeys: ReadonlySet<string>): InterestTag[] {
  const byBand = new Map<string, InterestTag>();
  let total = 0;
  for (const p of products) {
    const band = priceBandOf(p.priceMinor);
    total += p.score;
    const tag = byBand.get(band.code) ?? newTag('price_band', band.code, band.label);
    addEvidence(tag, p);
    byBand.set(band.code, tag);
  }
  const ranked = finish([...byBand.values()], total, removedKeys).filter((t) => t.share >= MIN_BAND_SHARE);
  return keepActive(ranked, MAX_BANDS);
}

function newTag(kind: InterestTag['kind'], value: string, label: Bilingual): InterestTag {
  return {
    kind,
    value,
    label,
    score: 0,
    share: 0,
    evidence: { views: 0, clicks: 0, favourites: 0, carts: 0, purchases: 0 },
    removable: true,
    removed: false,
  };
}

function addEvidence(tag: InterestTag, p: ProductStat) {
  tag.score += p.score;
  for (const [name, count] of Object.entries(p.evidence) as [keyof InterestEvidence, number][])
    tag.evidence[name] = (tag.evidence[name] ?? 0) + count;
}

function finish(tags: InterestTag[], total: number, removedKeys: ReadonlySet<string>): InterestTag[] {
  for (const tag of tags) {
    tag.removed = removedKeys.has(`${tag.kind}:${tag.value}`);
    tag.share = total > 0 ? tag.score / total : 0;
  }
  return tags.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1));
}

interface Activity {
  daysSinceLastActivity: number;
  activeDays: number;
  events: number;
}

/** Days since the last consented event, and active days (UTC) and events in the last 30 days. */
async function activityOf(db: Db, shopperKey: string, now: Date): Promise<Activity | null> {
  const [row] = await db<{ last_days: number | null; active_days: number; events: number }[]>`
    select floor(extract(epoch from ${now}::timestamptz - max(e.occurred_at)) / 86400)::int as last_days,
           count(distinct (e.occurred_at at time zone 'UTC')::date)
             filter (where e.occurred_at > ${now}::timestamptz - make_interval(days => ${FREQUENCY_WINDOW_DAYS}))::int
             as active_days,
           count(*) filter (where e.occurred_at > ${now}::timestamptz - make_interval(days => ${FREQUENCY_WINDOW_DAYS}))::int
             as events
      from behaviour_events e
     where e.shopper_key = ${shopperKey} and e.for_personalisation and e.kind = any(${PROFILE_KINDS as string[]})`;
  if (!row || row.last_days === null) return null;
  return {
    daysSinceLastActivity: Math.max(0, row.last_days),
    activeDays: row.active_days,
    events: row.events,
  };
}

/** Recency and frequency as two descriptive tags (not removable: they rule no product out). */
function activityTags(activity: Activity): InterestTag[] {
  const recency = segmentOf(RECENCY_SEGMENTS, activity.daysSinceLastActivity);
  const frequency = segmentOf(FREQUENCY_SEGMENTS, activity.activeDays);
  const common = { score: 0, share: 1, removable: false, removed: false };
  return [
    {
      kind: 'recency',
      value: recency.code,
      label: recency.label,
      evidence: { daysSinceLastActivity: activity.daysSinceLastActivity },
      ...common,
    },
    {
      kind: 'frequency',
      value: frequency.code,
      label: frequency.label,
      evidence: { activeDays: activity.activeDays, events: activity.events },
      ...common,
    },
  ];
}
