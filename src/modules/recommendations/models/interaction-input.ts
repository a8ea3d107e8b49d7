/**
 * The one input every recommendation model trains on: items as dense indices 0..itemCount-1 and,
 * per user, the chronological list of their events (item, optional time and weight). Production
 * maps product and shopper ids (and view/cart/purchase events with weights) to it; the offline
 * evaluation maps dataset ids the same way.
 */

/** Content of one item for similarity: any of title, attribute ids, category, brand, price band. */
export interface ItemContent {
  title?: string;
  attributeIds?: readonly number[];
  categoryId?: number;
  brandId?: number;
  /** A coarse price bucket (e.g. 0 = under 50 yuan, 1 = 50–200, …): nearby bands are similar. */
  priceBand?: number;
}

/** Users' chronological events in compressed rows: user u owns events userOffsets[u]..userOffsets[u+1]. */
export interface InteractionInput {
  itemCount: number;
  userOffsets: Int32Array;
  items: Int32Array;
  /** Event times in seconds (any epoch), chronological per user; absent when only order is known. */
  times?: Float64Array;
  /** Event weights (e.g. view 1, cart 3, purchase 5); absent means 1. */
  weights?: Float32Array;
  /** Optional content per item index, for content similarity and cold start. */
  content?: readonly (ItemContent | undefined)[];
}

/** One behaviour event as production records it, before mapping to dense indices. */
export interface RawInteraction {
  userKey: string;
  itemKey: string;
  /** Seconds since the epoch. */
  time: number;
  weight?: number;
}

/** The input plus the key of every dense item and user index, to map results back. */
export interface MappedInteractions {
  input: InteractionInput;
  itemKeys: string[];
  userKeys: string[];
}

/** Number of users in the input. */
export function userCount(input: InteractionInput): number {
  return input.userOffsets.length - 1;
}

/** Builds an input from per-user item sequences already in dense indices (chronological). */
export function inputFromSequences(
  sequences: readonly (readonly number[])[],
  itemCount: number,
  content?: readonly (ItemContent | undefined)[],
): InteractionInput {
  const userOffsets = new Int32Array(sequences.length + 1);
  for (let u = 0; u < sequences.length; u++) userOffsets[u + 1] = userOffsets[u]! + sequences[u]!.length;
  const items = new Int32Array(userOffsets[sequences.length]!);
  let at = 0;
  for (const sequence of sequences) for (const item of sequence) items[at++] = item;
  return { itemCount, userOffsets, items, content };
}

/**
 * Maps raw events to dense indices, sorting each user's events by time (stable, so events with
 * equal times keep their recorded order). Known item keys (e.g. every published product) come first
 * so items without events still get an index for content similarity.
 */
export function buildInteractionInput(
  events: readonly RawInteraction[],
  knownItemKeys: readonly string[] = [],
): MappedInteractions {
  const itemIndex = new Map<string, number>();
  const itemKeys: string[] = [];
  const indexOf = (key: string): number => {
    let index = itemIndex.get(key);
    if (index === undefined) {
      index = itemKeys.length;
      itemIndex.set(key, index);
      itemKeys.push(key);
    }
    return index;
  };
  for (const key of knownItemKeys) indexOf(key);
  const byUser = new Map<string, RawInteraction[]>();
  for (const event of events) {
    const list = byUser.get(event.userKey);
    if (list) list.push(event);
    else byUser.set(event.userKey, [event]);
  }
  const userKeys = [...byUser.keys()];
  const userOffsets = new Int32Array(userKeys.length + 1);
  const items = new Int32Array(events.length);
  const times = new Float64Array(events.length);
  const weights = new Float32Array(events.length);
  let at = 0;
  userKeys.forEach((key, u) => {
    const list = byUser
      .get(key)!
      .slice()
      .sort((a, b) => a.time - b.time);
    for (const event of list) {
      items[at] = indexOf(event.itemKey);
      times[at] = event.time;
      weights[at] = event.weight ?? 1;
      at++;
    }
    userOffsets[u + 1] = at;
  });
  return { input: { itemCount: itemKeys.length, userOffsets, items, times, weights }, itemKeys, userKeys };
}

/**
 * A copy of the input where each user keeps only events before the last `drop` ones: the
 * training view of a leave-one-out split (drop 1 hides the test item, drop 2 also the validation).
 */
export function dropLastEvents(input: InteractionInput, drop: number): InteractionInput {
  const users = userCount(input);
  const keepUntil = new Int32Array(users);
  for (let u = 0; u < users; u++) {
    keepUntil[u] = Math.max(input.userOffsets[u]!, input.userOffsets[u + 1]! - drop);
  }
  return truncateUsers(input, keepUntil);
}

/** A copy of the input where user `u` keeps only its events before index `keepUntil[u]`. */
export function truncateUsers(input: InteractionInput, keepUntil: Int32Array): InteractionInput {
  const users = userCount(input);
  let total = 0;
  for (let u = 0; u < users; u++) total += keepUntil[u]! - input.userOffsets[u]!;
  const userOffsets = new Int32Array(users + 1);
  const items = new Int32Array(total);
  const times = input.times ? new Float64Array(total) : undefined;
  const weights = input.weights ? new Float32Array(total) : undefined;
  let at = 0;
  for (let u = 0; u < users; u++) {
    for (let e = input.userOffsets[u]!; e < keepUntil[u]!; e++, at++) {
      items[at] = input.items[e]!;
      if (times) times[at] = input.times![e]!;
      if (weights) weights[at] = input.weights![e]!;
    }
    userOffsets[u + 1] = at;
  }
  return { ...input, userOffsets, items, times, weights };
}
