/**
 * Finds English system text on a page that should be entirely in 简体中文: catalogue sentences in
 * English, zod's default messages, and the English messages modules write for developers (problem
 * details, field issues). Product names, brands and SKUs are data, not system text, so the check
 * compares against those known texts instead of flagging every Latin word.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const SRC = path.resolve(import.meta.dirname, '../..');

/** Text a reader sees: text nodes, the title, and the words in labelling attributes. */
export function visibleTexts(page: string): string[] {
  const body = page
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const texts: string[] = [];
  for (const m of body.matchAll(/>([^<]+)</g)) texts.push(m[1]!);
  for (const m of body.matchAll(/\s(?:aria-label|placeholder|title|alt|data-confirm)="([^"]*)"/g))
    texts.push(m[1]!);
  for (const m of body.matchAll(/<input\b[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g))
    texts.push(m[1]!);
  return texts.map((t) => decodeEntities(t).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** At least two Latin words: short enough to catch labels, long enough not to hit one brand word. */
function isPhrase(text: string): boolean {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).length >= 2;
}

/**
 * Catalogue keys whose Chinese text is rightly written in Latin letters: the other language's own
 * name, a bare parameter, an abbreviation Chinese merchants use as is. Any other zh value must
 * contain Chinese (the catalogue test checks), so an English text copied into zh-CN.ts is caught.
 */
export const LATIN_IN_CHINESE: ReadonlySet<string> = new Set([
  'prefs.switchTo',
  'actor.other',
  'admin.field.sku',
]);

/** True when the text holds Chinese characters or full-width punctuation. */
export function hasChinese(text: string): boolean {
  return /[\u3000-\u9fff\uff00-\uffef]/.test(text);
}

/**
 * The English catalogue's sentences that must not appear on a Chinese page: each en value, cut at
 * its `{parameters}`; a piece that a Chinese text quotes (a format example such as
 * "代码 | 中文 | English") is not English system text.
 */
function catalogueSentences(): { whole: Set<string>; pieces: string[] } {
  const zhTexts = Object.values(zhCN).filter(hasChinese);
  const whole = new Set<string>();
  const pieces = new Set<string>();
  for (const [key, english] of Object.entries(en)) {
    if (LATIN_IN_CHINESE.has(key)) continue;
    if (/[A-Za-z]{2,}/.test(english) && !english.includes('{')) whole.add(english);
    for (const piece of english.split(/\{\w+\}/)) {
      const trimmed = piece.trim().replace(/^[,;:.()\s]+|[,;:()\s]+$/g, '');
      if (isPhrase(trimmed) && !zhTexts.some((zh) => zh.includes(trimmed))) pieces.add(trimmed);
    }
  }
  return { whole, pieces: [...pieces] };
}

/** Zod's own English for every kind of failure a form can hit (its default messages). */
function zodDefaultMessages(): string[] {
  const attempts: [z.ZodType, unknown][] = [
    [z.string(), 1],
    [z.string().min(2), 'a'],
    [z.string().max(1), 'ab'],
    [z.email(), 'x'],
    [z.string().regex(/^a$/), 'b'],
    [z.number(), 'x'],
    [z.number().int(), 1.5],
    [z.number().min(1), 0],
    [z.number().max(1), 2],
    [z.number().positive(), 0],
    [z.enum(['a', 'b']), 'c'],
    [z.literal('a'), 'b'],
    [z.strictObject({}), { x: 1 }],
    [z.array(z.string()).min(1), []],
    [z.coerce.number(), 'x'],
  ];
  const messages = attempts.flatMap(([schema, value]) => {
    const result = schema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  });
  // The variable tails ("…>=2 characters", "…one of "a"|"b"") differ per schema: keep the heads.
  return [...new Set(messages.map((m) => m.split(/[:>=<"]/)[0]!.trim()))].filter(isPhrase);
}

/**
 * The English messages the modules throw for developers (problem details and field issues), read
 * from the source: `new DomainError(code, status, 'message')`, `badRequest(code, 'message')`,
 * `conflict(code, 'message')`, `message: 'message'`.
 */
function developerMessages(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        const patterns = [
          /\b(?:badRequest|conflict)\(\s*'[a-z_]+',\s*'([^'`]+)'/g,
          /\bnew DomainError\(\s*'[a-z_]+',\s*\d+,\s*'([^'`]+)'/g,
          /\bmessage: '([^'`]+)'/g,
        ];
        for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.add(m[1]!.trim());
      }
    }
  };
  walk(path.join(SRC, 'modules'));
  walk(path.join(SRC, 'app'));
  return [...found].filter((m) => isPhrase(m) && !/[\u4e00-\u9fff]/.test(m));
}

/** Sentences the timeline and payments wrote before they were translated. */
const RETIRED_SYSTEM_TEXT = [
  /\bPayment \S+ (?:failed|captured|was captured)/,
  /Cancelled after payment/,
  /Tracking number \S+/,
  /Payment not received in time/,
  /\b(?:card_declined|insufficient_funds|processing_error|cancelled_by_shopper)\b/,
  /\b(?:order|payment)\.(?:placed|paid|shipped|delivered|completed|cancelled|expired|refund_needed|failed|captured_late|refunded)\b/,
  /\((?:system|guest|provider:\w+|staff:\w+|customer:\w+)\)/,
];

export interface EnglishTextFinder {
  /** The English system texts found on the page, with the text node each was in. */
  find(page: string): { text: string; found: string }[];
}

/** Builds the finder once (it reads the source for developer messages). */
export function englishTextFinder(): EnglishTextFinder {
  const { whole, pieces } = catalogueSentences();
  const phrases = [...pieces, ...zodDefaultMessages(), ...developerMessages()];
  const phraseRes = phrases.map(
    (p) => new RegExp(`(?<![A-Za-z])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`),
  );
  return {
    find(page) {
      const out: { text: string; found: string }[] = [];
      for (const text of new Set(visibleTexts(page))) {
        const found = new Set<string>();
        if (whole.has(text)) found.add(text);
        for (const [i, re] of phraseRes.entries()) if (re.test(text)) found.add(phrases[i]!);
        for (const re of RETIRED_SYSTEM_TEXT) found.add(text.match(re)?.[0] ?? '');
        found.delete('');
        for (const f of found) out.push({ text, found: f });
      }
      return out;
    },
  };
}

/**
 * Words that are rightly in Latin letters on a Chinese page whatever the data: the brand, currency
 * codes, payment brands, and the names of the two languages.
 */
export const LATIN_ALLOWED: readonly string[] = [
  'Lantern',
  'CNY',
  'USD',
  'SKU',
  'English',
  'WeChat Pay',
  'Alipay',
  'Visa',
  'Mastercard',
  'UnionPay',
];

/** A link written out (in a message: the sign-in page, a registration link): an address, not words. */
const URL = /\bhttps?:\/\/\S+/g;

/** Two or more Latin words (two letters or more each) in a row, joined by spaces or punctuation. */
const LATIN_RUN = /[A-Za-z][A-Za-z']+(?:[\s,.:;!?'’()/&-]+[A-Za-z][A-Za-z']+)+/g;

/** The runs of Latin words in a text, e.g. "Payment failed" in "支付 Payment failed 了". */
export function latinRuns(text: string): string[] {
  return [...text.matchAll(LATIN_RUN)].map((m) => m[0]);
}

/**
 * Finds any run of Latin words on a page that is neither a run in the shop's data (product titles,
 * brands, categories, option values, warehouse names, what the test itself typed) nor allowed:
 * unlike `englishTextFinder`, it needs no list of known English sentences, so a sentence written
 * anywhere (a module's string, a template, a task name such as `search-index`) is caught, and so
 * is system text run together with data ("Sony WH Add to cart"). Text marked `lang="en"` (a
 * developer's error message shown as is) is skipped: the page says it is English.
 */
export function latinRunFinder(data: Iterable<string>): {
  find(page: string): { text: string; run: string }[];
} {
  const allowed = new Set<string>();
  for (const s of [...LATIN_ALLOWED, ...data]) for (const run of latinRuns(s)) allowed.add(run);
  return {
    find(page) {
      // A line break ends a run (a textarea's lines are separate values), marked by a pilcrow.
      const marked = page.replace(/<(\w+)\b[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/\n/g, ' ¶ ');
      const out: { text: string; run: string }[] = [];
      for (const text of new Set(visibleTexts(marked))) {
        const words = text.replace(URL, ' ');
        for (const run of latinRuns(words)) if (!allowed.has(run)) out.push({ text, run });
      }
      return out;
    },
  };
}
