/** Brands for filters and the brand list. */
import type { Db } from '../../app/database.ts';
import { type BrandRef, localized } from './catalog.ts';

/** Every brand with its number of published products, by English name. */
export async function listBrands(db: Db): Promise<(BrandRef & { productCount: number })[]> {
  const rows = await db<{ id: string; slug: string; name_zh: string; name_en: string; n: number }[]>`
    select b.id, b.slug, b.name_zh, b.name_en,
           (select count(*) from products p where p.brand_id = b.id and p.status = 'published')::int as n
      from brands b order by b.name_en`;
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: localized(r.name_zh, r.name_en),
    productCount: r.n,
  }));
}
