/**
 * Full-ranking metrics with one held-out target: the target's rank among all candidate items,
 * then HR@K (hit within the first K) and NDCG@K (1 / log2(rank + 2) when within K).
 */

/**
 * 0-based rank of `target`: items scoring higher, plus equal-scoring items of lower index (the
 * tie rule of `topK`). Items scored -Infinity (excluded) never count.
 */
export function rankOfTarget(scores: Float32Array, target: number): number {
  const t = scores[target]!;
  let rank = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s > t || (s === t && i < target)) rank++;
  }
  return rank;
}

/** HR@K and NDCG@K averaged over added ranks. */
export class RankingMetrics {
  readonly ks: readonly number[];
  private readonly hits: number[];
  private readonly gains: number[];
  private count = 0;

  constructor(ks: readonly number[]) {
    this.ks = ks;
    this.hits = ks.map(() => 0);
    this.gains = ks.map(() => 0);
  }

  /** Records one case by the target's 0-based rank. */
  add(rank: number): void {
    this.count++;
    this.ks.forEach((k, i) => {
      if (rank < k) {
        this.hits[i]!++;
        this.gains[i]! += 1 / Math.log2(rank + 2);
      }
    });
  }

  /** Cases recorded. */
  get cases(): number {
    return this.count;
  }

  /** HR@K for each K, in the order given. */
  hitRates(): number[] {
    return this.hits.map((h) => (this.count ? h / this.count : 0));
  }

  /** NDCG@K for each K, in the order given. */
  ndcgs(): number[] {
    return this.gains.map((g) => (this.count ? g / this.count : 0));
  }
}
