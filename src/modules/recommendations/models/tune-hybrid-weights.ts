/**
 * Tunes the hybrid's weights by coordinate ascent on NDCG@k of held-out targets. Call it with
 * VALIDATION targets only (never the test ones). Each case keeps only the union of every
 * component's top candidates plus the target, so hundreds of weight settings evaluate in seconds.
 */
import { maxOf } from './blend-models.ts';
import { type Recommender, topOfScores, type UserHistory } from './recommender.ts';

/** A user's history and the item they went on to choose. */
export interface TuningCase {
  history: UserHistory;
  target: number;
}

/** Tuning options. */
export interface TuningOptions {
  k: number;
  candidatesPerModel: number;
  grid: readonly number[];
  rounds: number;
  /** Exclude the history's items from the ranking (as the evaluation does). */
  excludeHistory: boolean;
}

/** The chosen weights and their NDCG@k on the tuning cases. */
export interface TuningResult {
  weights: number[];
  ndcg: number;
}

const DEFAULT_OPTIONS: TuningOptions = {
  k: 10,
  candidatesPerModel: 100,
  grid: [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5],
  rounds: 3,
  excludeHistory: true,
};

interface CompactCase {
  candidates: number;
  /** candidates × components, normalised scores; the target is candidate 0. */
  scores: Float32Array;
  /** Item index of each candidate, for the tie rule (lower index first). */
  items: Int32Array;
}

/** Finds weights (one per component) that maximise NDCG@k on the cases. */
export function tuneHybridWeights(
  components: readonly Recommender[],
  cases: readonly TuningCase[],
  options: Partial<TuningOptions> = {},
): TuningResult {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const buffers = components.map(() => new Float32Array(components[0]!.itemCount));
  const compact = cases.map((c) => compactCase(components, c, o, buffers));
  const objective = (weights: number[]) => meanNdcg(compact, weights, components.length, o.k);
  // Two starts (the best single model, and all models equal); the better ascent wins.
  let singleBest = { weights: components.map(() => 0), ndcg: -1 };
  components.forEach((_, c) => {
    const single = components.map((__, d) => (d === c ? 1 : 0));
    const value = objective(single);
    if (value > singleBest.ndcg) singleBest = { weights: single, ndcg: value };
  });
  const equal = components.map(() => 1);
  const starts = [singleBest, { weights: equal, ndcg: objective(equal) }];
  const ascents = starts.map((start) => ascend(compact, start, components.length, o));
  return ascents.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
}

/** Coordinate ascent from a start: each weight in turn takes its best grid value, for a few rounds. */
function ascend(
  compact: readonly CompactCase[],
  start: TuningResult,
  width: number,
  o: TuningOptions,
): TuningResult {
  let { weights, ndcg: best } = start;
  for (let round = 0; round < o.rounds; round++) {
    let improved = false;
    for (let c = 0; c < width; c++) {
      // Only weight c changes along this line: the rest of each fused score is computed once.
      const bases = compact.map((k) => partialScores(k, weights, c, width));
      for (const w of o.grid) {
        const trial = weights.slice();
        trial[c] = w;
        if (trial.every((x) => x === 0)) continue;
        const value = lineNdcg(compact, bases, c, w, width, o.k);
        if (value > best + 1e-9) [best, weights, improved] = [value, trial, true];
      }
    }
    if (!improved) break;
  }
  return { weights, ndcg: best };
}

function compactCase(
  components: readonly Recommender[],
  c: TuningCase,
  o: TuningOptions,
  perModel: readonly Float32Array[],
): CompactCase {
  const historySet = new Set<number>(o.excludeHistory ? Array.from(c.history.items) : []);
  const chosen = new Set<number>([c.target]);
  const scales = components.map((component, m) => {
    const scores = perModel[m]!;
    component.scoreInto(c.history, scores);
    // Only positive scores can lift a candidate above the target; zeros are skipped cheaply.
    for (const { item } of topOfScores(scores, o.candidatesPerModel, historySet, 0)) chosen.add(item);
    const max = maxOf(scores);
    return max > 0 ? 1 / max : 0;
  });
  const items = Int32Array.from(chosen);
  const scores = new Float32Array(items.length * components.length);
  for (let r = 0; r < items.length; r++) {
    for (let m = 0; m < components.length; m++) {
      scores[r * components.length + m] = perModel[m]![items[r]!]! * scales[m]!;
    }
  }
  return { candidates: items.length, scores, items };
}

/** Each candidate's fused score without component `skip`. */
function partialScores(
  c: CompactCase,
  weights: readonly number[],
  skip: number,
  width: number,
): Float32Array {
  const out = new Float32Array(c.candidates);
  for (let r = 0; r < c.candidates; r++) {
    let s = 0;
    for (let m = 0; m < width; m++) if (m !== skip) s += weights[m]! * c.scores[r * width + m]!;
    out[r] = s;
  }
  return out;
}

/** Mean NDCG@k when component `c` gets weight `w` and the others are fixed in `bases`. */
function lineNdcg(
  cases: readonly CompactCase[],
  bases: readonly Float32Array[],
  c: number,
  w: number,
  width: number,
  k: number,
): number {
  let total = 0;
  cases.forEach((kase, at) => {
    const base = bases[at]!;
    const target = base[0]! + w * kase.scores[c]!;
    let rank = 0;
    for (let r = 1; r < kase.candidates && rank < k; r++) {
      const s = base[r]! + w * kase.scores[r * width + c]!;
      if (s > target || (s === target && kase.items[r]! < kase.items[0]!)) rank++;
    }
    if (rank < k) total += 1 / Math.log2(rank + 2);
  });
  return cases.length ? total / cases.length : 0;
}

function meanNdcg(cases: readonly CompactCase[], weights: number[], width: number, k: number): number {
  let total = 0;
  for (const c of cases) {
    const fused = (r: number) => {
      let s = 0;
      for (let m = 0; m < width; m++) s += weights[m]! * c.scores[r * width + m]!;
      return s;
    };
    const target = fused(0);
    let rank = 0;
    for (let r = 1; r < c.candidates && rank < k; r++) {
      const s = fused(r);
      if (s > target || (s === target && c.items[r]! < c.items[0]!)) rank++;
    }
    if (rank < k) total += 1 / Math.log2(rank + 2);
  }
  return cases.length ? total / cases.length : 0;
}
