/**
 * Text rules shared by indexing and querying: traditional → simplified Chinese, lower case,
 * jieba segmentation (search mode for documents, precise mode for queries) and pinyin, so that
 * 藍牙耳機, 蓝芽耳机 and "lanya erji" all meet 蓝牙耳机. Pure functions, no I/O.
 */
import { createRequire } from 'node:module';

/**
 * jieba with its dictionary, OpenCC and pinyin take some 100 MB: they are loaded at the first
 * search or indexing, not at start, so an instance that only serves pages stays small
 * (decision 0016). `require` because the functions here are synchronous.
 */
interface TextTools {
  jieba: import('@node-rs/jieba').Jieba;
  toSimplified: (text: string) => string;
  pinyin: typeof import('pinyin-pro').pinyin;
}
let tools: TextTools | undefined;
const require = createRequire(import.meta.url);
function textTools(): TextTools {
  if (!tools) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    const OpenCC = require('opencc-js') as typeof import('opencc-js');
    const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
    tools = { jieba: Jieba.withDict(dict), toSimplified: OpenCC.Converter({ from: 'tw', to: 'cn' }), pinyin };
  }
  return tools;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** A run of Han characters, or of Latin letters and digits (mixed words like "T恤" are split). */
const PIECE = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

/** NFKC (full-width → half-width), simplified Chinese, lower case. */
export function normalizeText(text: string): string {
  return textTools().toSimplified(text.normalize('NFKC')).toLowerCase();
}

/** True when the token is written in Han characters. */
export function isHan(token: string): boolean {
  return HAN.test(token);
}

/** Splits jieba's words into searchable pieces, dropping spaces and punctuation. */
function pieces(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) for (const piece of word.match(PIECE) ?? []) out.push(piece);
  return out;
}

/** Document tokens: search-mode segmentation also yields the short words inside long ones. */
export function indexTokens(text: string): string[] {
  return pieces(textTools().jieba.cutForSearch(normalizeText(text), true));
}

/**
 * Query words in precise mode. Runs of single Han characters that jieba could not place
 * (蓝芽 → 蓝 | 芽) are joined back, so the run can fall back to its pinyin as one word.
 */
export function queryWords(text: string): string[] {
  const out: string[] = [];
  let loneRun = '';
  for (const word of pieces(textTools().jieba.cut(normalizeText(text), true))) {
    if (word.length === 1 && isHan(word)) {
      loneRun += word;
      continue;
    }
    if (loneRun) out.push(loneRun);
    loneRun = '';
    out.push(word);
  }
  if (loneRun) out.push(loneRun);
  return [...new Set(out)];
}

/** Pinyin syllables of each Han character, without tones (`蓝牙` → ['lan', 'ya']). */
export function syllables(han: string): string[] {
  return textTools()
    .pinyin(han, { toneType: 'none', type: 'array', v: true })
    .map((s) => s.toLowerCase());
}

/** Pinyin lexemes of a Han text: the syllables in order, then each word's joined pinyin. */
export function pinyinTokens(text: string): string[] {
  const normalized = normalizeText(text);
  const out: string[] = [];
  for (const run of normalized.match(HAN_RUN) ?? []) out.push(...syllables(run));
  for (const word of pieces(textTools().jieba.cut(normalized, true)))
    if (isHan(word)) out.push(syllables(word).join(''));
  return out;
}

/** Every word-start suffix of a label, joined without spaces (for type-ahead from any word). */
export function suffixKeys(label: string): string[] {
  const words = pieces(textTools().jieba.cut(normalizeText(label), true));
  const keys = new Set<string>();
  for (let i = 0; i < words.length && i < 12; i++) {
    const rest = words.slice(i);
    keys.add(rest.join(''));
    keys.add(words[i]!);
    const han = rest.filter(isHan);
    if (han.length && isHan(words[i]!)) {
      const sy = han.map(syllables);
      keys.add(sy.flat().join(''));
      keys.add(sy.map((w) => w.map((s) => s[0]).join('')).join(''));
    }
  }
  return [...keys].filter((k) => k.length > 0).map((k) => k.slice(0, 60));
}

/** A tsquery/tsvector lexeme literal; tokens are letters and digits only, quoting is defensive. */
export function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
