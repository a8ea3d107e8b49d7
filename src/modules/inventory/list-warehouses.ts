/** The shop's warehouses. */
import type { Db } from '../../app/database.ts';

export interface Warehouse {
  id: string;
  code: string;
  name: { zh: string; en: string };
  region: string;
  priority: number;
  isActive: boolean;
}

/** Every warehouse, highest priority (used first for reservations) first. */
export async function listWarehouses(db: Db): Promise<Warehouse[]> {
  const rows = await db<
    {
      id: string;
      code: string;
      name_zh: string;
      name_en: string;
      region: string;
      priority: number;
      is_active: boolean;
    }[]
  >`select id, code, name_zh, name_en, region, priority, is_active from warehouses order by priority desc, id`;
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    region: r.region,
    priority: r.priority,
    isActive: r.is_active,
  }));
}
