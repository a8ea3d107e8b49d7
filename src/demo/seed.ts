/** Placeholder replaced by the demo catalogue seed. */
import type { Sql } from '../app/database.ts';

export async function seedDemoShop(_sql: Sql): Promise<{ products: number } | null> {
  return null;
}
