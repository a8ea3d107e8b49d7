/**
 * Tokens of an item's content for similarity: Latin words (lower case, NFKC, a few stop words
 * dropped), Chinese as character bigrams (robust without a dictionary), and ids of attributes,
 * category, brand and price band as their own tokens.
 */
import type { ItemContent } from './interaction-input.ts';

const STOP_WORDS = new Set([
  'and',
  'the',
  'for',
  'with',
  'of',
  'in',
  'to',
  'by',
  'a',
  'an',
  'or',
  'on',
  'at',
  'from',
]);
const PIECE = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;

/** Word tokens of a title in English and/or Chinese. */
export function titleTokens(title: string): string[] {
  const out: string[] = [];
  for (const piece of title.normalize('NFKC').toLowerCase().match(PIECE) ?? []) {
    if (HAN.test(piece)) {
      if (piece.length === 1) out.push(piece);
      for (let c = 0; c + 1 < piece.length; c++) out.push(piece.slice(c, c + 2));
    } else if (piece.length > 1 && !STOP_WORDS.has(piece)) {
      out.push(piece);
    }
  }
  return out;
}

/** Relative weight of each kind of token before normalisation. */
export interface ContentFieldWeights {
  title: number;
  attribute: number;
  category: number;
  brand: number;
  price: number;
}

/** Weighted tokens of one item: token → weight (term frequency × field weight). */
export function contentTokens(
  content: ItemContent | undefined,
  fields: ContentFieldWeights,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!content) return out;
  const add = (token: string, weight: number) => out.set(token, (out.get(token) ?? 0) + weight);
  for (const token of titleTokens(content.title ?? '')) add(`t:${token}`, fields.title);
  for (const id of content.attributeIds ?? []) add(`a:${id}`, fields.attribute);
  if (content.categoryId !== undefined) add(`c:${content.categoryId}`, fields.category);
  if (content.brandId !== undefined) add(`b:${content.brandId}`, fields.brand);
  if (content.priceBand !== undefined) add(`p:${content.priceBand}`, fields.price);
  return out;
}
