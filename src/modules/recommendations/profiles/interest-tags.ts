/**
 * The vocabulary of shopper profiles: tag kinds, how events weigh, price bands and the recency
 * and frequency segments, with their bilingual labels. The shopper's own profile and the
 * merchant's aggregate apply these same rules, so what a merchant counts is what shoppers see.
 */
import { z } from 'zod';
import { BEHAVIOUR_KINDS, type BehaviourKind, servesPersonalisation } from '../events/behaviour-event.ts';
import { DEFAULT_KIND_WEIGHTS } from '../models/interactions-to-input.ts';

export type Bilingual = { zh: string; en: string };

/** Kinds a shopper can remove: each rules products out of their recommendations. */
export const REMOVABLE_KINDS = ['category', 'brand', 'price_band'] as const;
export type RemovableKind = (typeof REMOVABLE_KINDS)[number];
/** Every tag kind; recency and frequency describe activity and rule nothing out. */
export type InterestKind = RemovableKind | 'recency' | 'frequency';

/** What a tag rests on: counts of the shopper's consented events (or of activity, for recency/frequency). */
export interface InterestEvidence {
  views?: number;
  clicks?: number;
  favourites?: number;
  carts?: number;
  purchases?: number;
  daysSinceLastActivity?: number;
  activeDays?: number;
  events?: number;
}

/** One derived tag: `value` is a category id, brand id, price band or segment code. */
export interface InterestTag {
  kind: InterestKind;
  value: string;
  label: Bilingual;
  /** Time-decayed event weight (views 1 … purchases 5, half-life 30 days); 0 for segments. */
  score: number;
  /** The tag's part of its kind's total score (0–1); 1 for segments. */
  share: number;
  evidence: InterestEvidence;
  removable: boolean;
  removed: boolean;
}

/** A removed interest, shown so the shopper can restore it. */
export interface RemovedInterest {
  kind: RemovableKind;
  value: string;
  label: Bilingual;
  removedAt: Date;
}

/** At most this many category and brand tags per profile (the strongest). */
export const TOP_TAGS = 5;
/** Weaker tags than this (about one view a month ago) are noise, not interest. */
export const MIN_TAG_SCORE = 0.5;
/** A price band is a tag when it holds at least this share of the shopper's weight; at most two. */
export const MIN_BAND_SHARE = 0.25;
export const MAX_BANDS = 2;
/** Older events count half as much every 30 days. */
export const HALF_LIFE_DAYS = 30;
/** Frequency looks at the last 30 days. */
export const FREQUENCY_WINDOW_DAYS = 30;

/** Event kinds that feed a profile (the personalisation kinds), with their weights. */
export const PROFILE_KINDS: readonly BehaviourKind[] = BEHAVIOUR_KINDS.filter(servesPersonalisation);
const weighted = Object.entries(DEFAULT_KIND_WEIGHTS) as [BehaviourKind, number][];
/** Parallel arrays for `unnest(kinds, weights)` in SQL. */
export const KIND_WEIGHTS = {
  kinds: weighted.map(([kind]) => kind),
  weights: weighted.map(([, weight]) => weight),
};

/** Price bands over a product's lowest price (CNY fen): interest tags, and the content models' price feature. */
export const PRICE_BANDS: readonly { code: string; lo: number; hi: number; label: Bilingual }[] = [
  { code: 'under_50', lo: 0, hi: 5_000, label: { zh: '50 元以下', en: 'Under ¥50' } },
  { code: '50_200', lo: 5_000, hi: 20_000, label: { zh: '50–200 元', en: '¥50–200' } },
  { code: '200_500', lo: 20_000, hi: 50_000, label: { zh: '200–500 元', en: '¥200–500' } },
  { code: '500_1000', lo: 50_000, hi: 100_000, label: { zh: '500–1000 元', en: '¥500–1,000' } },
  { code: '1000_3000', lo: 100_000, hi: 300_000, label: { zh: '1000–3000 元', en: '¥1,000–3,000' } },
  {
    code: '3000_up',
    lo: 300_000,
    hi: Number.MAX_SAFE_INTEGER,
    label: { zh: '3000 元及以上', en: '¥3,000 and up' },
  },
];

/** Parallel arrays for `unnest(codes, los, his)` in SQL. */
export const PRICE_BAND_ARRAYS = {
  codes: PRICE_BANDS.map((b) => b.code),
  los: PRICE_BANDS.map((b) => b.lo),
  his: PRICE_BANDS.map((b) => b.hi),
};

/** The band of a price in minor units. */
export function priceBandOf(minor: number): (typeof PRICE_BANDS)[number] {
  return PRICE_BANDS.find((b) => minor >= b.lo && minor < b.hi) ?? PRICE_BANDS.at(-1)!;
}

/** Recency segments by days since the last consented event (upper bound exclusive). */
export const RECENCY_SEGMENTS: readonly { code: string; below: number; label: Bilingual }[] = [
  { code: 'today', below: 1, label: { zh: '今天刚来过', en: 'Active today' } },
  { code: 'this_week', below: 7, label: { zh: '本周来过', en: 'Active this week' } },
  { code: 'this_month', below: 30, label: { zh: '本月来过', en: 'Active this month' } },
  {
    code: 'lapsed',
    below: Number.MAX_SAFE_INTEGER,
    label: { zh: '一个月以上未来', en: 'Away for a month or more' },
  },
];

/** Frequency segments by active days in the last 30 (upper bound exclusive). */
export const FREQUENCY_SEGMENTS: readonly { code: string; below: number; label: Bilingual }[] = [
  { code: 'inactive', below: 1, label: { zh: '近 30 天未活跃', en: 'Not active in the last 30 days' } },
  { code: 'occasional', below: 3, label: { zh: '偶尔逛逛', en: 'Occasional visitor' } },
  { code: 'regular', below: 8, label: { zh: '经常光顾', en: 'Regular visitor' } },
  { code: 'frequent', below: Number.MAX_SAFE_INTEGER, label: { zh: '常客', en: 'Frequent visitor' } },
];

/** The segment whose range holds `n`. */
export function segmentOf<T extends { below: number }>(segments: readonly T[], n: number): T {
  return segments.find((s) => n < s.below) ?? segments.at(-1)!;
}

/** Parallel arrays for `unnest(codes, belows)` in SQL (the first segment with n < below). */
export function segmentArrays(segments: readonly { code: string; below: number }[]) {
  return { codes: segments.map((s) => s.code), belows: segments.map((s) => s.below) };
}

/** What a remove or restore names: a known kind and a well-formed value (existence is checked after). */
export const interestRefSchema = z.strictObject({
  kind: z.enum(REMOVABLE_KINDS),
  value: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
});
export type InterestRef = z.infer<typeof interestRefSchema>;
