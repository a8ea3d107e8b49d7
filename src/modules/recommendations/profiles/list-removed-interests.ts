/**
 * The interests a shopper removed, with their labels (category and brand names from catalog,
 * price bands from the band list), newest first, so the page can offer to restore them.
 */
import type { Db } from '../../../app/database.ts';
import { getCategoryAndBrandNames } from '../../catalog/index.ts';
import { type Bilingual, PRICE_BANDS, type RemovableKind, type RemovedInterest } from './interest-tags.ts';

/** Every removal of `shopperKey`; a category or brand deleted since keeps its id as its label. */
export async function listRemovedInterests(db: Db, shopperKey: string): Promise<RemovedInterest[]> {
  const rows = await db<{ kind: RemovableKind; value: string; removed_at: Date }[]>`
    select kind, value, removed_at from shopper_interest_removals
     where shopper_key = ${shopperKey}
     order by removed_at desc, kind, value`;
  const label = await interestLabels(db, rows);
  return rows.map((r) => ({ kind: r.kind, value: r.value, label: label(r), removedAt: r.removed_at }));
}

/**
 * The labels of these interests in one catalog read: a category's or brand's name (its id when
 * it no longer exists), a price band's own label.
 */
export async function interestLabels(
  db: Db,
  interests: readonly { kind: string; value: string }[],
): Promise<(interest: { kind: string; value: string }) => Bilingual> {
  const valuesOf = (kind: string) => interests.filter((i) => i.kind === kind).map((i) => i.value);
  const names = await getCategoryAndBrandNames(db, {
    categoryIds: valuesOf('category'),
    brandIds: valuesOf('brand'),
  });
  return ({ kind, value }) => {
    if (kind === 'price_band')
      return PRICE_BANDS.find((b) => b.code === value)?.label ?? { zh: value, en: value };
    const name = (kind === 'category' ? names.categories : names.brands).get(value);
    return name ?? { zh: value, en: value };
  };
}
