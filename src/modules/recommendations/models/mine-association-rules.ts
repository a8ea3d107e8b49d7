/**
 * Association rules "bought together": over baskets (a shopper's events within one session, or a
 * whole sequence when no times are known), rules i → j with support, confidence and lift for
 * every pair seen in at least `minSupportCount` baskets. The model ranks consequents by
 * confidence (or lift) and keeps lift and support for reasons and filters.
 */
import { type InteractionInput, userCount } from './interaction-input.ts';
import {
  buildNeighbourMatrix,
  type HistoryScoring,
  type NeighbourRecommender,
  neighbourRecommender,
} from './neighbour-matrix.ts';

/** Association rule params. */
export interface AssociationParams extends HistoryScoring {
  neighbours: number;
  /** A pair must occur in at least this many baskets. */
  minSupportCount: number;
  minConfidence: number;
  /** Events of one user more than this many seconds apart start a new basket (when times are known). */
  sessionGapSeconds: number;
  /** What the model ranks consequents by. */
  rankBy: 'confidence' | 'lift';
}

/** Defaults tuned on Amazon Beauty validation targets. */
export const ASSOCIATION_DEFAULTS: AssociationParams = {
  neighbours: 50,
  minSupportCount: 2,
  minConfidence: 0,
  sessionGapSeconds: 86_400,
  rankBy: 'confidence',
  historyLength: 10,
  recencyDecay: 0.4,
};

/** One rule antecedent → consequent; support is the share of baskets with both. */
export interface AssociationRule {
  antecedent: number;
  consequent: number;
  support: number;
  confidence: number;
  lift: number;
}

/** Baskets of distinct items: sessions split by `sessionGapSeconds`, or one per user without times. */
export function basketsOf(input: InteractionInput, sessionGapSeconds: number): number[][] {
  const baskets: number[][] = [];
  for (let u = 0; u < userCount(input); u++) {
    let basket = new Set<number>();
    for (let e = input.userOffsets[u]!; e < input.userOffsets[u + 1]!; e++) {
      if (input.times && basket.size > 0 && input.times[e]! - input.times[e - 1]! > sessionGapSeconds) {
        baskets.push([...basket]);
        basket = new Set();
      }
      basket.add(input.items[e]!);
    }
    if (basket.size > 0) baskets.push([...basket]);
  }
  return baskets;
}

/** Mines rules from baskets as a recommender; `rules()` lists them for inspection. */
export function mineAssociationRules(
  baskets: readonly (readonly number[])[],
  itemCount: number,
  params: Partial<AssociationParams> = {},
): NeighbourRecommender & { rules(): AssociationRule[] } {
  const p = { ...ASSOCIATION_DEFAULTS, ...params };
  const total = baskets.length;
  const itemBaskets: number[][] = Array.from({ length: itemCount }, () => []);
  baskets.forEach((basket, b) => {
    for (const item of basket) itemBaskets[item]!.push(b);
  });
  const count = (i: number) => itemBaskets[i]!.length;
  const confidence = (i: number, together: number) => together / count(i);
  const lift = (i: number, j: number, together: number) => confidence(i, together) / (count(j) / total);
  const pairCounts = buildNeighbourMatrix(
    itemCount,
    p.neighbours,
    (i, acc) => {
      for (const b of itemBaskets[i]!) for (const j of baskets[b]!) acc.add(j, 1);
    },
    (i, j, together) => {
      if (together < p.minSupportCount || confidence(i, together) < p.minConfidence) return 0;
      return p.rankBy === 'lift' ? lift(i, j, together) : confidence(i, together);
    },
  );
  // The rows hold the ranking key in float32; exact support, confidence and lift are recomputed.
  const support = new Float32Array(pairCounts.values.length);
  const liftValues = new Float32Array(pairCounts.values.length);
  const values = new Float32Array(pairCounts.values.length);
  for (let i = 0; i < itemCount; i++) {
    for (let e = pairCounts.offsets[i]!; e < pairCounts.offsets[i + 1]!; e++) {
      const j = pairCounts.indices[e]!;
      const together = countTogether(itemBaskets[i]!, itemBaskets[j]!);
      support[e] = together / total;
      liftValues[e] = lift(i, j, together);
      values[e] = p.rankBy === 'lift' ? liftValues[e]! : confidence(i, together);
    }
  }
  const matrix = { offsets: pairCounts.offsets, indices: pairCounts.indices, values };
  const model = neighbourRecommender('association-rules', itemCount, matrix, p, {
    support,
    lift: liftValues,
  });
  return Object.assign(model, {
    rules(): AssociationRule[] {
      const out: AssociationRule[] = [];
      for (let i = 0; i < itemCount; i++) {
        for (let e = matrix.offsets[i]!; e < matrix.offsets[i + 1]!; e++) {
          const together = support[e]! * total;
          out.push({
            antecedent: i,
            consequent: matrix.indices[e]!,
            support: support[e]!,
            confidence: together / count(i),
            lift: liftValues[e]!,
          });
        }
      }
      return out;
    },
  });
}

/** Trains association rules on an interaction input (baskets from sessions). */
export function trainAssociationRules(
  input: InteractionInput,
  params: Partial<AssociationParams> = {},
): NeighbourRecommender {
  const p = { ...ASSOCIATION_DEFAULTS, ...params };
  return mineAssociationRules(basketsOf(input, p.sessionGapSeconds), input.itemCount, p);
}

/** Size of the intersection of two ascending basket lists. */
function countTogether(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length; ) {
    if (a[x] === b[y]) {
      n++;
      x++;
      y++;
    } else if (a[x]! < b[y]!) x++;
    else y++;
  }
  return n;
}
