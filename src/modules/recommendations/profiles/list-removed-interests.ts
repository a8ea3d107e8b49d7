/**
 * The interests a shopper removed, with their labels (category and brand names from the
 * catalogue, price bands from the band list), newest first, so the page can offer to restore them.
 */
import type { Db } from '../../../app/database.ts';
import { type Bilingual, PRICE_BANDS, type RemovableKind, type RemovedInterest } from './interest-tags.ts';

/** Every removal of `shopperKey`; a category or brand deleted since keeps its id as its label. */
export async function listRemovedInterests(db: Db, shopperKey: string): Promise<RemovedInterest[]> {
  const rows = await db<
    { kind: RemovableKind; value: string; name_zh: string | null; name_en: string | null; removed_at: Date }[]
  >`
    select r.kind, r.value, coalesce(c.name_zh, b.name_zh) as name_zh, coalesce(c.name_en, b.name_en) as name_en,
           r.removed_at
      from shopper_interest_removals r
      left join categories c on r.kind = 'category' and c.id = r.value
      left join brands b on r.kind = 'brand' and b.id = r.value
     where r.shopper_key = ${shopperKey}
     order by r.removed_at desc, r.kind, r.value`;
  return rows.map((r) => ({
    kind: r.kind,
    value: r.value,
    label: labelOf(r.kind, r.value, r.name_zh, r.name_en),
    removedAt: r.removed_at,
  }));
}

function labelOf(kind: RemovableKind, value: string, zh: string | null, en: string | null): Bilingual {
  if (kind === 'price_band')
    return PRICE_BANDS.find((b) => b.code === value)?.label ?? { zh: value, en: value };
  return { zh: zh ?? value, en: en ?? value };
}
