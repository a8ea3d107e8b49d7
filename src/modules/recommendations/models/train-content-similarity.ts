/**
 * Content similarity: cosine of TF-IDF vectors over title tokens and attribute, category, brand
 * and price-band ids. Needs no interactions, so it serves new items ("similar products") and adds
 * a signal for rare items in the hybrid.
 */
import { type ContentFieldWeights, contentTokens } from './content-tokens.ts';
import type { InteractionInput, ItemContent } from './interaction-input.ts';
import {
  buildNeighbourMatrix,
  type HistoryScoring,
  type NeighbourRecommender,
  neighbourRecommender,
} from './neighbour-matrix.ts';

/** Content similarity params. */
export interface ContentParams extends HistoryScoring {
  neighbours: number;
  fields: ContentFieldWeights;
  /** Tokens in more than this share of items are ignored (they say little and cost much). */
  maxDocumentShare: number;
}

/** Defaults tuned on Amazon Beauty validation targets. */
export const CONTENT_DEFAULTS: ContentParams = {
  neighbours: 50,
  fields: { title: 1, attribute: 1, category: 1, brand: 2, price: 0.5 },
  maxDocumentShare: 0.03,
  historyLength: 6,
  recencyDecay: 0.7,
};

/** Trains content similarity from `input.content` (items without content get no neighbours). */
export function trainContentSimilarity(
  input: InteractionInput,
  params: Partial<ContentParams> = {},
): NeighbourRecommender {
  const p = { ...CONTENT_DEFAULTS, ...params };
  const vectors = tfIdfVectors(input.content ?? [], input.itemCount, p);
  const postings = termPostings(vectors);
  const matrix = buildNeighbourMatrix(input.itemCount, p.neighbours, (i, acc) => {
    const vector = vectors[i]!;
    for (let t = 0; t < vector.terms.length; t++) {
      const term = vector.terms[t]!;
      const weight = vector.weights[t]!;
      for (let e = postings.offsets[term]!; e < postings.offsets[term + 1]!; e++) {
        acc.add(postings.items[e]!, weight * postings.weights[e]!);
      }
    }
  });
  return neighbourRecommender('content', input.itemCount, matrix, p);
}

interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
}

/** Term → items inverted lists in compressed rows (typed arrays keep the inner loop fast). */
function termPostings(vectors: readonly SparseVector[]): {
  offsets: Int32Array;
  items: Int32Array;
  weights: Float32Array;
} {
  let termCount = 0;
  let total = 0;
  for (const v of vectors) {
    for (const term of v.terms) termCount = Math.max(termCount, term + 1);
    total += v.terms.length;
  }
  const offsets = new Int32Array(termCount + 1);
  for (const v of vectors) for (const term of v.terms) offsets[term + 1]!++;
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, termCount);
  const items = new Int32Array(total);
  const weights = new Float32Array(total);
  vectors.forEach((v, item) => {
    for (let t = 0; t < v.terms.length; t++) {
      const at = fill[v.terms[t]!]!++;
      items[at] = item;
      weights[at] = v.weights[t]!;
    }
  });
  return { offsets, items, weights };
}

/** L2-normalised TF-IDF vectors per item. */
function tfIdfVectors(
  content: readonly (ItemContent | undefined)[],
  itemCount: number,
  p: ContentParams,
): SparseVector[] {
  const raw = Array.from({ length: itemCount }, (_, i) => contentTokens(content[i], p.fields));
  const documentFrequency = new Map<string, number>();
  for (const tokens of raw) {
    for (const token of tokens.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const termIds = new Map<string, number>();
  const maxDf = Math.max(2, p.maxDocumentShare * itemCount);
  return raw.map((tokens) => {
    const terms: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [token, tf] of tokens) {
      const df = documentFrequency.get(token)!;
      // Tokens of one item only can never link two items.
      if (df > maxDf || df < 2) continue;
      const id = termIds.get(token) ?? termIds.size;
      termIds.set(token, id);
      // tf already carries the field weight; repeats above 1 are damped like sublinear tf.
      const weight = (tf > 1 ? 1 + Math.log(tf) : tf) * Math.log(itemCount / df);
      terms.push(id);
      weights.push(weight);
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { terms: Int32Array.from(terms), weights: Float32Array.from(weights, (w) => w * scale) };
  });
}
