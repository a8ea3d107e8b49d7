/**
 * Serving-time ranking on top of any model: business filters (a predicate such as "in stock,
 * published, not already bought unless consumable"), a category diversity re-rank (MMR-like),
 * and cold-start fallbacks: a non-personal model when the history gives nothing or the model
 * fails, content neighbours for an item nobody has interacted with yet.
 */
import { type NeighbourMatrix, neighboursOf } from './neighbour-matrix.ts';
import { type Recommender, type ScoredItem, topOfScores, type UserHistory } from './recommender.ts';

/** Options of one recommendation request. */
export interface RecommendOptions {
  k: number;
  /** True for items that must not be shown. */
  exclude?: (item: number) => boolean;
  /** Each further pick from an already-shown category multiplies the score by (1 - lambda). */
  diversity?: { categoryOf: ArrayLike<number>; lambda: number };
  /** Non-personal model used when the main one yields fewer than k items or throws. */
  fallback?: Recommender;
}

/** The k items to show for a history, filtered, diversified and filled up from the fallback. */
export function recommendItems(
  model: Recommender,
  history: UserHistory,
  options: RecommendOptions,
): ScoredItem[] {
  const exclude = options.exclude ?? (() => false);
  const pool = options.diversity ? options.k * 5 : options.k;
  let ranked: ScoredItem[] = [];
  try {
    const scores = new Float32Array(model.itemCount);
    model.scoreInto(history, scores);
    ranked = topOfScores(scores, pool, exclude, 0);
  } catch {
    ranked = [];
  }
  let picked = options.diversity
    ? diversify(ranked, options.k, options.diversity)
    : ranked.slice(0, options.k);
  if (picked.length < options.k && options.fallback) {
    const taken = new Set(picked.map((s) => s.item));
    const scores = new Float32Array(options.fallback.itemCount);
    options.fallback.scoreInto({ items: [] }, scores);
    const more = topOfScores(scores, options.k, (i) => taken.has(i) || exclude(i));
    // Fallback items rank below every personal one.
    picked = picked.concat(more.slice(0, options.k - picked.length).map((s) => ({ item: s.item, score: 0 })));
  }
  return picked;
}

/** Greedy re-rank: the best adjusted score first, penalising categories already picked. */
export function diversify(
  ranked: readonly ScoredItem[],
  k: number,
  diversity: { categoryOf: ArrayLike<number>; lambda: number },
): ScoredItem[] {
  const left = ranked.slice();
  const shown = new Map<number, number>();
  const out: ScoredItem[] = [];
  while (out.length < k && left.length > 0) {
    let bestAt = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    left.forEach((s, at) => {
      const value = s.score * (1 - diversity.lambda) ** (shown.get(diversity.categoryOf[s.item]!) ?? 0);
      if (value > bestValue) [bestAt, bestValue] = [at, value];
    });
    const [chosen] = left.splice(bestAt, 1);
    const category = diversity.categoryOf[chosen!.item]!;
    shown.set(category, (shown.get(category) ?? 0) + 1);
    out.push(chosen!);
  }
  return out;
}

/**
 * "Similar items" for a product page: collaborative neighbours when the item has enough
 * interactions, topped up (or replaced, for a new item) by content neighbours.
 */
export function similarItems(
  item: number,
  collaborative: NeighbourMatrix,
  content: NeighbourMatrix,
  k: number,
  exclude: (item: number) => boolean = () => false,
): ScoredItem[] {
  const out: ScoredItem[] = [];
  const seen = new Set<number>([item]);
  for (const source of [collaborative, content]) {
    for (const n of neighboursOf(source, item)) {
      if (out.length >= k) return out;
      if (seen.has(n.item) || exclude(n.item)) continue;
      seen.add(n.item);
      // Content neighbours come after collaborative ones: their scores are on another scale.
      out.push({ item: n.item, score: source === collaborative ? 1 + n.score : n.score / 2 });
    }
  }
  return out;
}
