/**
 * Type-ahead: brands, categories and product titles whose words start with what was typed,
 * in Chinese (traditional is folded to simplified), full pinyin, pinyin initials or English.
 * GIN prefix lookups over precomputed keys (see `suffixKeys`); product titles only once the
 * prefix is specific enough (2 Han characters or 3 letters), so short prefixes stay fast.
 */
import type { Db } from '../../app/database.ts';
import { withCustomPlans } from './custom-plans.ts';
import { isHan, lexeme, normalizeText } from './search-text.ts';

export interface Suggestion {
  kind: 'product' | 'brand' | 'category';
  /** The product, brand or category id. */
  id: string;
  label: string;
}

const MAX_KEY = 60;

function isSpecific(key: string): boolean {
  return isHan(key) ? [...key].length >= 2 : key.length >= 3;
}

/** Up to `limit` suggestions for `prefix`: brands and categories first, then popular products. */
export async function suggest(db: Db, prefix: string, limit = 8): Promise<Suggestion[]> {
  const key = (normalizeText(prefix).match(/[\p{L}\p{N}]+/gu) ?? []).join('').slice(0, MAX_KEY);
  if (!key) return [];
  const n = Math.min(Math.max(1, Math.trunc(limit)), 20);
  const query = `${lexeme(key)}:*`;
  const [named, products] = await Promise.all([
    db<Suggestion[]>`
      select kind, target_id as id, label from search_suggestions
       where kind <> 'product' and keys @@ ${query}::tsquery
       order by weight desc, label limit ${n}`,
    isSpecific(key)
      ? withCustomPlans(
          db,
          (tx) => tx<Suggestion[]>`
          select kind, target_id as id, label from search_suggestions
           where kind = 'product' and keys @@ ${query}::tsquery
           order by weight desc, id limit ${n * 3}`,
        )
      : [],
  ]);
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const s of [...named, ...products]) {
    const label = s.label.toLowerCase();
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ kind: s.kind, id: s.id, label: s.label });
    if (out.length === n) break;
  }
  return out;
}
