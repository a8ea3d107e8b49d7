/**
 * Item-to-item neighbour lists in compressed rows (the storage of ItemKNN, transitions, content
 * similarity and association rules), the row builder that keeps each item's top-N, and the
 * recommender that scores a history by summing the rows of its recent items.
 */
import {
  historyWeights,
  type ModelSnapshot,
  type PackedArray,
  type Recommender,
  type UserHistory,
} from './recommender.ts';

/** Row i's neighbours are indices[offsets[i]..offsets[i+1]] with their values, best first. */
export interface NeighbourMatrix {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** How a history is turned into weights: the last `historyLength` items, each older one × `recencyDecay`. */
export interface HistoryScoring {
  historyLength: number;
  recencyDecay: number;
}

/** A reusable dense accumulator for one row: add values, then read the touched columns. */
export class RowAccumulator {
  readonly values: Float32Array;
  readonly touched: Int32Array;
  count = 0;

  constructor(itemCount: number) {
    this.values = new Float32Array(itemCount);
    this.touched = new Int32Array(itemCount);
  }

  /** Adds `value` to column `j`. */
  add(j: number, value: number): void {
    if (this.values[j] === 0) this.touched[this.count++] = j;
    this.values[j]! += value;
  }

  /** Clears the touched columns for the next row. */
  reset(): void {
    for (let t = 0; t < this.count; t++) this.values[this.touched[t]!] = 0;
    this.count = 0;
  }
}

/**
 * Builds a neighbour matrix: `fillRow` accumulates raw values of row i, `finish` turns a raw value
 * into the stored one (e.g. a similarity), and the best `topN` positive values are kept.
 */
export function buildNeighbourMatrix(
  itemCount: number,
  topN: number,
  fillRow: (i: number, acc: RowAccumulator) => void,
  finish: (i: number, j: number, raw: number) => number = (_i, _j, raw) => raw,
): NeighbourMatrix {
  const acc = new RowAccumulator(itemCount);
  const offsets = new Int32Array(itemCount + 1);
  let indices = new Int32Array(itemCount * Math.min(topN, 16));
  let values = new Float32Array(indices.length);
  let at = 0;
  const order: number[] = [];
  for (let i = 0; i < itemCount; i++) {
    fillRow(i, acc);
    order.length = 0;
    for (let t = 0; t < acc.count; t++) {
      const j = acc.touched[t]!;
      const value = j === i ? 0 : finish(i, j, acc.values[j]!);
      acc.values[j] = value;
      if (value > 0) order.push(j);
    }
    const keep = Math.min(topN, order.length);
    const better = (a: number, b: number) => acc.values[b]! - acc.values[a]! || a - b;
    if (order.length > keep) selectBest(order, keep, better);
    const best = order.length > keep ? order.slice(0, keep).sort(better) : order.sort(better);
    if (at + keep > indices.length) {
      const grown = Math.max(indices.length * 2, at + keep);
      indices = copyInto(new Int32Array(grown), indices);
      values = copyInto(new Float32Array(grown), values);
    }
    for (let r = 0; r < keep; r++, at++) {
      indices[at] = best[r]!;
      values[at] = acc.values[best[r]!]!;
    }
    offsets[i + 1] = at;
    acc.reset();
  }
  return { offsets, indices: indices.slice(0, at), values: values.slice(0, at) };
}

/** Moves the `keep` best entries (by `better`) to the front, in any order (quickselect). */
function selectBest(list: number[], keep: number, better: (a: number, b: number) => number): void {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const pivot = list[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (better(list[i]!, pivot) < 0) i++;
      while (better(list[j]!, pivot) > 0) j--;
      if (i <= j) {
        [list[i], list[j]] = [list[j]!, list[i]!];
        i++;
        j--;
      }
    }
    if (keep - 1 <= j) hi = j;
    else if (keep - 1 >= i) lo = i;
    else return;
  }
}

function copyInto<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Adds the rows of the history's recent items into `out`, weighted by recency and event weight. */
export function addHistoryRows(
  matrix: NeighbourMatrix,
  history: UserHistory,
  scoring: HistoryScoring,
  out: Float32Array,
): void {
  const weights = historyWeights(history, scoring.historyLength, scoring.recencyDecay);
  const first = history.items.length - weights.length;
  for (let h = 0; h < weights.length; h++) {
    const item = history.items[first + h]!;
    if (item < 0 || item + 1 >= matrix.offsets.length) continue;
    const w = weights[h]!;
    for (let e = matrix.offsets[item]!; e < matrix.offsets[item + 1]!; e++) {
      out[matrix.indices[e]!]! += w * matrix.values[e]!;
    }
  }
}

/** The neighbours of one item, best first (for "similar items" placements). */
export function neighboursOf(matrix: NeighbourMatrix, item: number): { item: number; score: number }[] {
  const out: { item: number; score: number }[] = [];
  if (item < 0 || item + 1 >= matrix.offsets.length) return out;
  for (let e = matrix.offsets[item]!; e < matrix.offsets[item + 1]!; e++) {
    out.push({ item: matrix.indices[e]!, score: matrix.values[e]! });
  }
  return out;
}

/** A recommender over a neighbour matrix; `extra` arrays (e.g. lift) travel in its snapshot. */
export interface NeighbourRecommender extends Recommender {
  readonly matrix: NeighbourMatrix;
  readonly scoring: HistoryScoring;
}

/** Wraps a neighbour matrix as a recommender of the given kind. */
export function neighbourRecommender(
  kind: string,
  itemCount: number,
  matrix: NeighbourMatrix,
  params: HistoryScoring & Record<string, unknown>,
  extra: Record<string, PackedArray> = {},
): NeighbourRecommender {
  return {
    kind,
    itemCount,
    matrix,
    scoring: params,
    scoreInto(history: UserHistory, out: Float32Array): void {
      out.fill(0);
      addHistoryRows(matrix, history, params, out);
    },
    snapshot(): ModelSnapshot {
      return {
        kind,
        params: { ...params, itemCount },
        arrays: { offsets: matrix.offsets, indices: matrix.indices, values: matrix.values, ...extra },
      };
    },
  };
}

/** Rebuilds a neighbour recommender from its snapshot. */
export function restoreNeighbourRecommender(snapshot: ModelSnapshot): NeighbourRecommender {
  const { offsets, indices, values, ...extra } = snapshot.arrays;
  const params = snapshot.params as unknown as HistoryScoring & { itemCount: number } & Record<
      string,
      unknown
    >;
  const matrix = {
    offsets: offsets as Int32Array,
    indices: indices as Int32Array,
    values: values as Float32Array,
  };
  return neighbourRecommender(snapshot.kind, params.itemCount, matrix, params, extra);
}
