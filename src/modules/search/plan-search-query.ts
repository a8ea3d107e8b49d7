/**
 * Turns what a shopper typed into a tsquery: each query word must match, a word the index has
 * never seen falls back to its pinyin (Han) or to the most similar known word (Latin typo), and
 * an English plural or singular counts as the same word.
 */
import type { Db } from '../../app/database.ts';
import { isHan, lexeme, queryWords, syllables } from './search-text.ts';

export interface SearchQueryPlan {
  /** The tsquery text, or null when nothing searchable was typed. */
  tsquery: string | null;
  /** Every lexeme of the query OR-ed: ts_rank then sums weights per word (A title counts most). */
  rankQuery: string | null;
  /** The words searched for, after typo correction. */
  tokens: string[];
  /** The query as actually searched, when a word was corrected. */
  corrected?: string;
  /** Set when the whole query is one frequent lexeme: its facets can come from the term cube. */
  frequentTerm?: string;
}

const MAX_WORDS = 8;
/** Words shorter than this are never "corrected": too many neighbours. */
const MIN_CORRECTABLE = 4;

function variants(word: string): string[] {
  if (isHan(word) || !/^[a-z]+$/.test(word)) return [word];
  if (word.endsWith('es')) return [word, word.slice(0, -2), word.slice(0, -1)];
  if (word.endsWith('s')) return [word, word.slice(0, -1)];
  return [word, `${word}s`, `${word}es`];
}

function phrase(tokens: string[]): string {
  return tokens.map(lexeme).join(' <-> ');
}

/** Han word the index does not hold: all of its characters, or the same sounds in pinyin. */
function hanFallback(word: string): string {
  const chars = [...word].map(lexeme).join(' & ');
  const sounds = syllables(word);
  return sounds.length > 1
    ? `( ${chars} ) | ( ${phrase(sounds)} ) | ${lexeme(sounds.join(''))}`
    : `${chars} | ${lexeme(sounds[0] ?? word)}`;
}

/** Plans `q` against the vocabulary: one query for known words, one per Latin word to correct. */
export async function planSearchQuery(db: Db, q: string | undefined): Promise<SearchQueryPlan> {
  const words = queryWords(q ?? '').slice(0, MAX_WORDS);
  if (!words.length) return { tsquery: null, rankQuery: null, tokens: [] };
  const candidates = [...new Set(words.flatMap(variants))];
  const rows = await db<{ term: string; is_frequent: boolean }[]>`
    select term, is_frequent from search_terms where term = any(${candidates}::text[])`;
  const known = new Set(rows.map((r) => r.term));
  const frequent = new Set(rows.filter((r) => r.is_frequent).map((r) => r.term));
  const groups: string[] = [];
  const tokens: string[] = [];
  const lexemes = new Set<string>();
  let corrected = false;
  for (const word of words) {
    const found = variants(word).filter((v) => known.has(v));
    if (found.length) {
      groups.push(found.map(lexeme).join(' | '));
      tokens.push(word);
      for (const v of found) lexemes.add(v);
    } else if (isHan(word)) {
      groups.push(hanFallback(word));
      tokens.push(word);
      const sounds = syllables(word);
      for (const l of [...word, ...sounds, sounds.join('')]) lexemes.add(l);
    } else {
      const fix =
        word.length >= MIN_CORRECTABLE && /^[a-z]+$/.test(word) ? await closestTerm(db, word) : null;
      if (fix) corrected = true;
      groups.push(lexeme(fix ?? word));
      tokens.push(fix ?? word);
      lexemes.add(fix ?? word);
    }
  }
  return {
    tsquery: groups.map((g) => `( ${g} )`).join(' & '),
    rankQuery: [...lexemes].map(lexeme).join(' | '),
    tokens,
    ...(corrected ? { corrected: tokens.join(' ') } : {}),
    ...(lexemes.size === 1 && groups.length === 1 && frequent.has([...lexemes][0]!)
      ? { frequentTerm: [...lexemes][0] }
      : {}),
  };
}

/** The known Latin word most similar to `word` (trigram index), preferring common words. */
async function closestTerm(db: Db, word: string): Promise<string | null> {
  const [row] = await db<{ term: string }[]>`
    select term from search_terms
     where is_latin and term % ${word}
     order by similarity(term, ${word}) desc, doc_count desc, term
     limit 1`;
  return row?.term ?? null;
}
