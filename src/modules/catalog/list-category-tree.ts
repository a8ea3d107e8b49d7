/** The category tree with published-product counts (a parent counts its whole subtree). */
import type { Db } from '../../app/database.ts';
import { type CategoryRef, localized } from './catalog.ts';

export interface CategoryNode extends CategoryRef {
  productCount: number;
  children: CategoryNode[];
}

/** Every category as a tree of roots, in position order. */
export async function listCategoryTree(db: Db): Promise<CategoryNode[]> {
  const rows = await db<
    { id: string; parent_id: string | null; slug: string; name_zh: string; name_en: string; direct: number }[]
  >`
    select c.id, c.parent_id, c.slug, c.name_zh, c.name_en,
           (select count(*) from products p where p.category_id = c.id and p.status = 'published')::int as direct
      from categories c order by c.position, c.slug`;
  const nodes = new Map<string, CategoryNode & { direct: number; parentId: string | null }>();
  for (const r of rows) {
    nodes.set(r.id, {
      id: r.id,
      slug: r.slug,
      name: localized(r.name_zh, r.name_en),
      productCount: 0,
      children: [],
      direct: r.direct,
      parentId: r.parent_id,
    });
  }
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const count = (node: CategoryNode & { direct?: number }): number => {
    node.productCount = (node.direct ?? 0) + node.children.reduce((sum, child) => sum + count(child), 0);
    return node.productCount;
  };
  for (const root of roots) count(root);
  const strip = (node: CategoryNode): CategoryNode => ({
    id: node.id,
    slug: node.slug,
    name: node.name,
    productCount: node.productCount,
    children: node.children.map(strip),
  });
  return roots.map(strip);
}
