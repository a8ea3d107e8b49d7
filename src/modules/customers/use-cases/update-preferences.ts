/** Saves a customer's display preferences: language, theme and density. */
import type { Db } from '../../../app/database.ts';
import { notFound } from '../../../app/errors.ts';
import type { Preferences } from './get-customer-profile.ts';

/** Updates the given preferences (others unchanged) and returns all three. */
export async function updatePreferences(
  db: Db,
  customerId: string,
  input: Partial<Preferences>,
): Promise<Preferences> {
  const [row] = await db<Preferences[]>`
    update customers set
      locale = coalesce(${input.locale ?? null}, locale),
      theme = coalesce(${input.theme ?? null}, theme),
      density = coalesce(${input.density ?? null}, density),
      updated_at = now()
    where id = ${customerId}
    returning locale, theme, density`;
  if (!row) throw notFound('customer');
  return row;
}
