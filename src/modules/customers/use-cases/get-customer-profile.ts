/** Reads a customer's own profile and preferences. */
import type { Db } from '../../../app/database.ts';
import { notFound } from '../../../app/errors.ts';

export type Locale = 'zh-CN' | 'en';
export type Theme = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

export interface Preferences {
  locale: Locale;
  theme: Theme;
  density: Density;
}

export interface CustomerProfile extends Preferences {
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  createdAt: Date;
}

/** The profile of `customerId` (404 when the account is gone). */
export async function getCustomerProfile(db: Db, customerId: string): Promise<CustomerProfile> {
  const [row] = await db<CustomerProfile[]>`
    select id, email, phone, name, locale, theme, density, created_at as "createdAt"
      from customers where id = ${customerId}`;
  if (!row) throw notFound('customer');
  return row;
}
