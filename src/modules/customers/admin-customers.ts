/**
 * Staff reads of customer accounts for the admin console: a searchable, paginated list and one
 * customer's profile with addresses. Never exposes password hashes.
 */
import type { Db } from '../../app/database.ts';
import { notFound } from '../../app/errors.ts';
import type { Address } from './use-cases/get-address.ts';
import type { CustomerProfile } from './use-cases/get-customer-profile.ts';
import { listAddresses } from './use-cases/list-addresses.ts';

export interface AdminCustomerRow {
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  createdAt: Date;
}

export interface AdminCustomerFilter {
  /** Matches email, phone or name (substring, case-insensitive). */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Newest customers first; `pageSize` is capped at 100. */
export async function listCustomersForAdmin(
  db: Db,
  filter: AdminCustomerFilter = {},
): Promise<{ items: AdminCustomerRow[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(filter.pageSize ?? 20)));
  const q = filter.q?.trim().slice(0, 100);
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db<(AdminCustomerRow & { total: number })[]>`
    select id, email, phone, name, created_at as "createdAt", count(*) over ()::int as total
      from customers
     where ${pattern}::text is null or email ilike ${pattern} or phone like ${pattern} or name ilike ${pattern}
     order by created_at desc, id
     limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(({ total: _t, ...row }) => row), total, page, pageSize };
}

/** One customer's profile and addresses for staff; unknown id → 404 `customer_not_found`. */
export async function getCustomerForAdmin(
  db: Db,
  customerId: string,
): Promise<CustomerProfile & { addresses: Address[] }> {
  const [row] = await db<CustomerProfile[]>`
    select id, email, phone, name, locale, theme, density, created_at as "createdAt"
      from customers where id = ${customerId}`;
  if (!row) throw notFound('customer');
  return { ...row, addresses: await listAddresses(db, customerId) };
}
