/**
 * Shopper profiles in aggregate, for merchants: how many shoppers are profiled (personalisation
 * on, at least one consented event), which categories and brands are in most profiles, the
 * price band and recency/frequency mix, and how often each interest was removed. It applies the
 * profile's own rules in SQL (same weights, decay, thresholds, top 5 and tie order), so a count
 * is the number of shoppers whose "my interests" page shows that tag.
 *
 * k-anonymity: a group of fewer than `MIN_GROUP_SHOPPERS` shoppers is left out (and counted as
 * hidden), so no row can point at one or two identifiable people.
 */
import type { Db } from '../../../app/database.ts';
import { getProductFacts } from '../../catalog/index.ts';
import {
  type Bilingual,
  FREQUENCY_SEGMENTS,
  FREQUENCY_WINDOW_DAYS,
  HALF_LIFE_DAYS,
  type InterestKind,
  KIND_WEIGHTS,
  MAX_BANDS,
  MIN_BAND_SHARE,
  MIN_TAG_SCORE,
  PRICE_BAND_ARRAYS,
  PRICE_BANDS,
  PROFILE_KINDS,
  RECENCY_SEGMENTS,
  segmentArrays,
  TOP_TAGS,
} from './interest-tags.ts';
import { interestLabels } from './list-removed-interests.ts';

/** Groups smaller than this are suppressed. */
export const MIN_GROUP_SHOPPERS = 5;
/** At most this many categories, brands and removed tags are listed. */
const MAX_ROWS = 20;

/** One group: a tag and how many shoppers it covers. */
export interface InterestGroup {
  kind: InterestKind;
  value: string;
  label: Bilingual;
  shoppers: number;
}

/** What the admin page shows; `hidden` counts the groups suppressed per section. */
export interface ShopperInterestAggregate {
  profiledShoppers: number;
  minGroupSize: number;
  categories: InterestGroup[];
  brands: InterestGroup[];
  priceBands: InterestGroup[];
  recency: InterestGroup[];
  frequency: InterestGroup[];
  removals: InterestGroup[];
  hidden: Record<'categories' | 'brands' | 'priceBands' | 'recency' | 'frequency' | 'removals', number>;
}

interface GroupRow {
  kind: InterestKind | 'profiled';
  value: string;
  shoppers: number;
}

/** The aggregate over every profiled shopper, as of `now`. */
export async function aggregateShopperInterests(
  db: Db,
  now: Date = new Date(),
): Promise<ShopperInterestAggregate> {
  const [groups, removals] = await Promise.all([profileGroups(db, now), removalGroups(db)]);
  const label = await interestLabels(db, [...groups, ...removals]);
  const toGroup = (row: GroupRow): InterestGroup => {
    const kind = row.kind as InterestKind;
    const fixed = kind === 'recency' ? RECENCY_SEGMENTS : kind === 'frequency' ? FREQUENCY_SEGMENTS : null;
    const segment = fixed?.find((s) => s.code === row.value)?.label;
    return { kind, value: row.value, label: segment ?? label(row), shoppers: row.shoppers };
  };
  const profiled = groups.find((g) => g.kind === 'profiled')?.shoppers ?? 0;
  const section = (rows: GroupRow[], kind: InterestKind, max = MAX_ROWS) => {
    const mine = rows.filter((r) => r.kind === kind);
    const shown = mine.filter((r) => r.shoppers >= MIN_GROUP_SHOPPERS);
    return { groups: shown.slice(0, max).map(toGroup), hidden: mine.length - shown.length };
  };
  const categories = section(groups, 'category');
  const brands = section(groups, 'brand');
  const priceBands = section(groups, 'price_band', PRICE_BANDS.length);
  const recency = section(groups, 'recency', RECENCY_SEGMENTS.length);
  const frequency = section(groups, 'frequency', FREQUENCY_SEGMENTS.length);
  const shownRemovals = removals.filter((r) => r.shoppers >= MIN_GROUP_SHOPPERS);
  return {
    profiledShoppers: profiled,
    minGroupSize: MIN_GROUP_SHOPPERS,
    categories: categories.groups,
    brands: brands.groups,
    priceBands: sortBy(priceBands.groups, PRICE_BANDS),
    recency: sortBy(recency.groups, RECENCY_SEGMENTS),
    frequency: sortBy(frequency.groups, FREQUENCY_SEGMENTS),
    removals: shownRemovals.slice(0, MAX_ROWS).map(toGroup),
    hidden: {
      categories: categories.hidden,
      brands: brands.hidden,
      priceBands: priceBands.hidden,
      recency: recency.hidden,
      frequency: frequency.hidden,
      removals: removals.length - shownRemovals.length,
    },
  };
}

/** Fixed segments in their natural order (cheap to expensive, recent to lapsed). */
function sortBy(groups: InterestGroup[], order: readonly { code: string }[]): InterestGroup[] {
  const rank = (g: InterestGroup) => order.findIndex((s) => s.code === g.value);
  return groups.sort((a, b) => rank(a) - rank(b));
}

/**
 * The catalogue facts of every product in a consented event, as parallel arrays for `unnest`:
 * the profile's SQL below joins them as it would join catalog's table.
 */
async function profiledProducts(db: Db) {
  const rows = await db<{ product_id: string }[]>`
    select distinct e.product_id from behaviour_events e
      join shopper_keys k on k.key = e.shopper_key and k.personalisation
     where e.for_personalisation and e.product_id is not null`;
  const facts = await getProductFacts(
    db,
    rows.map((r) => r.product_id),
  );
  return {
    ids: facts.map((f) => f.productId),
    categoryIds: facts.map((f) => f.categoryId),
    brandIds: facts.map((f) => f.brandId),
    prices: facts.map((f) => f.minPriceMinor),
  };
}

/** Shoppers per tag, computed with the profile's rules; one row `profiled` holds the total. */
async function profileGroups(db: Db, now: Date): Promise<GroupRow[]> {
  const products = await profiledProducts(db);
  const recency = segmentArrays(RECENCY_SEGMENTS);
  const frequency = segmentArrays(FREQUENCY_SEGMENTS);
  return db<GroupRow[]>`
    with product_scores as (
      select e.shopper_key, p.category_id, p.brand_id, p.min_price_minor,
             sum(w.weight * power(0.5::float8, greatest(0, extract(epoch from ${now}::timestamptz - e.occurred_at)::float8)
                                      / 86400 / ${HALF_LIFE_DAYS}::float8)) as score
        from behaviour_events e
        join shopper_keys k on k.key = e.shopper_key and k.personalisation
        join unnest(${KIND_WEIGHTS.kinds}::text[], ${KIND_WEIGHTS.weights}::float8[]) w(kind, weight)
          on w.kind = e.kind
        join unnest(${products.ids}::text[], ${products.categoryIds}::text[], ${products.brandIds}::text[],
                    ${products.prices}::bigint[]) p(id, category_id, brand_id, min_price_minor)
          on p.id = e.product_id
       where e.for_personalisation
       group by e.shopper_key, p.id, p.category_id, p.brand_id, p.min_price_minor
    ), totals as (
      select shopper_key, sum(score) as total from product_scores group by shopper_key
    ), tag_scores as (
      select shopper_key, 'category' as kind, category_id as value, sum(score) as score
        from product_scores group by shopper_key, category_id
      union all
      select shopper_key, 'brand', brand_id, sum(score)
        from product_scores where brand_id is not null group by shopper_key, brand_id
      union all
      select ps.shopper_key, 'price_band', b.code, sum(ps.score)
        from product_scores ps
        join unnest(${PRICE_BAND_ARRAYS.codes}::text[], ${PRICE_BAND_ARRAYS.los}::bigint[],
                    ${PRICE_BAND_ARRAYS.his}::bigint[]) b(code, lo, hi)
          on ps.min_price_minor >= b.lo and ps.min_price_minor < b.hi
       group by ps.shopper_key, b.code
    ), ranked as (
      select s.kind, s.value,
             row_number() over (partition by s.shopper_key, s.kind order by s.score desc, s.value) as rn
        from tag_scores s join totals t on t.shopper_key = s.shopper_key
       where case when s.kind = 'price_band' then s.score / nullif(t.total, 0) >= ${MIN_BAND_SHARE}::float8
                  else s.score >= ${MIN_TAG_SCORE}::float8 end
         and not exists (select 1 from shopper_interest_removals r
                          where r.shopper_key = s.shopper_key and r.kind = s.kind and r.value = s.value)
    ), activity as (
      select e.shopper_key,
             floor(extract(epoch from ${now}::timestamptz - max(e.occurred_at)) / 86400) as last_days,
             count(distinct (e.occurred_at at time zone 'UTC')::date)
               filter (where e.occurred_at > ${now}::timestamptz - make_interval(days => ${FREQUENCY_WINDOW_DAYS}))
               as active_days
        from behaviour_events e
        join shopper_keys k on k.key = e.shopper_key and k.personalisation
       where e.for_personalisation and e.kind = any(${PROFILE_KINDS as string[]})
       group by e.shopper_key
    ), segments as (
      select (select s.code from unnest(${recency.codes}::text[], ${recency.belows}::float8[])
                     with ordinality s(code, below, n)
               where greatest(a.last_days, 0) < s.below order by s.n limit 1) as recency,
             (select s.code from unnest(${frequency.codes}::text[], ${frequency.belows}::float8[])
                     with ordinality s(code, below, n)
               where a.active_days < s.below order by s.n limit 1) as frequency
        from activity a
    ), groups as (
      select kind, value, count(*)::int as shoppers from ranked
       where rn <= case when kind = 'price_band' then ${MAX_BANDS}::int else ${TOP_TAGS}::int end
       group by kind, value
      union all select 'recency', recency, count(*)::int from segments group by recency
      union all select 'frequency', frequency, count(*)::int from segments group by frequency
      union all select 'profiled', '', count(*)::int from activity
    )
    select kind, value, shoppers from groups order by shoppers desc, kind, value`;
}

/** Shoppers per removed tag (whatever their consent today: a removal is a choice they made). */
async function removalGroups(db: Db): Promise<GroupRow[]> {
  return db<GroupRow[]>`
    select kind, value, count(*)::int as shoppers from shopper_interest_removals
     group by kind, value
     order by shoppers desc, kind, value`;
}
