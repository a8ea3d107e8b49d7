/** One category by slug, with its breadcrumb, children and the ids of its whole subtree. */
import type { Db } from '../../app/database.ts';
import { type CategoryRef, localized } from './catalog.ts';

export interface CategoryDetail extends CategoryRef {
  parentId: string | null;
  /** Root → this category. */
  breadcrumb: CategoryRef[];
  children: CategoryRef[];
  /** This category and every category below it: filter products with `category_id = any(…)`. */
  subtreeIds: string[];
}

/** The category with `slug`, or null. */
export async function getCategoryBySlug(db: Db, slug: string): Promise<CategoryDetail | null> {
  const [row] = await db<{ id: string; parent_id: string | null }[]>`
    select id, parent_id from categories where slug = ${slug}`;
  if (!row) return null;
  const [breadcrumb, children, subtree] = await Promise.all([
    categoryPath(db, row.id),
    db<{ id: string; slug: string; name_zh: string; name_en: string }[]>`
      select id, slug, name_zh, name_en from categories where parent_id = ${row.id} order by position, slug`,
    db<{ id: string }[]>`
      with recursive tree as (
        select id from categories where id = ${row.id}
        union all select c.id from categories c join tree t on c.parent_id = t.id)
      select id from tree`,
  ]);
  return {
    ...(breadcrumb.at(-1) as CategoryRef),
    parentId: row.parent_id,
    breadcrumb,
    children: children.map((c) => ({ id: c.id, slug: c.slug, name: localized(c.name_zh, c.name_en) })),
    subtreeIds: subtree.map((s) => s.id),
  };
}

/** The path from the root category down to `categoryId` (inclusive). */
export async function categoryPath(db: Db, categoryId: string): Promise<CategoryRef[]> {
  const rows = await db<{ id: string; slug: string; name_zh: string; name_en: string }[]>`
    with recursive path as (
      select id, parent_id, slug, name_zh, name_en, 0 as depth from categories where id = ${categoryId}
      union all
      select c.id, c.parent_id, c.slug, c.name_zh, c.name_en, p.depth + 1
        from categories c join path p on c.id = p.parent_id where p.depth < 20)
    select id, slug, name_zh, name_en from path order by depth desc`;
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: localized(r.name_zh, r.name_en) }));
}
