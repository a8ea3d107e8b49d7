/**
 * Counting how items occur together in users' sequences, shared by ItemKNN (any distance, both
 * directions) and transitions (what follows within a short window). Items are read through an
 * inverted list (item → its events) so each row is built from the events that touch it.
 */
import { type InteractionInput, userCount } from './interaction-input.ts';
import type { RowAccumulator } from './neighbour-matrix.ts';

/** For each item, the global event positions where it occurs (compressed rows), and each event's user. */
export interface ItemPostings {
  offsets: Int32Array;
  events: Int32Array;
  eventUser: Int32Array;
  /** Weighted occurrence count of each item. */
  itemWeight: Float32Array;
}

/** How pairs within a user's sequence count. */
export interface PairWeighting {
  /** Largest distance in positions between the two events. */
  window: number;
  /** Weight of j when it comes after i, and when it comes before i. */
  forwardWeight: number;
  backwardWeight: number;
  /** Each further position multiplies the weight by this (1 = distance does not matter). */
  gapDecay: number;
}

/** Builds the item → events inverted list of an input. */
export function itemPostings(input: InteractionInput): ItemPostings {
  const n = input.items.length;
  const offsets = new Int32Array(input.itemCount + 1);
  const itemWeight = new Float32Array(input.itemCount);
  for (let e = 0; e < n; e++) {
    offsets[input.items[e]! + 1]!++;
    itemWeight[input.items[e]!]! += input.weights ? input.weights[e]! : 1;
  }
  for (let i = 0; i < input.itemCount; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, input.itemCount);
  const events = new Int32Array(n);
  const eventUser = new Int32Array(n);
  for (let u = 0; u < userCount(input); u++) {
    for (let e = input.userOffsets[u]!; e < input.userOffsets[u + 1]!; e++) {
      events[fill[input.items[e]!]!++] = e;
      eventUser[e] = u;
    }
  }
  return { offsets, events, eventUser, itemWeight };
}

/** Adds to `acc` every item that occurs near item i in some user's sequence, weighted by `pairs`. */
export function accumulatePairs(
  input: InteractionInput,
  postings: ItemPostings,
  i: number,
  pairs: PairWeighting,
  acc: RowAccumulator,
): void {
  for (let p = postings.offsets[i]!; p < postings.offsets[i + 1]!; p++) {
    const e = postings.events[p]!;
    const u = postings.eventUser[e]!;
    const start = Math.max(input.userOffsets[u]!, e - pairs.window);
    const end = Math.min(input.userOffsets[u + 1]! - 1, e + pairs.window);
    const own = input.weights ? input.weights[e]! : 1;
    for (let q = start; q <= end; q++) {
      if (q === e) continue;
      const gap = q > e ? q - e : e - q;
      const direction = q > e ? pairs.forwardWeight : pairs.backwardWeight;
      if (direction === 0) continue;
      const other = input.weights ? input.weights[q]! : 1;
      acc.add(input.items[q]!, direction * pairs.gapDecay ** (gap - 1) * Math.min(own, other));
    }
  }
}
